# plots/style.gp: the look every chart shares. Loaded first by each chart script.
#
# bin/plots runs one gnuplot per chart, which loads the chart's params.gp (WIDTH and
# HEIGHT in pixels, TITLE, the subtitle's NSUB lines SUB[i], DATADIR, and the chart's
# own variables), then for each format: reset; FORMAT = 'png' or 'svg'; OUTPUT = the
# file; load plots/style.gp (this file: the terminal and the common style); load
# plots/<kind>.gp.
#
# One font (DejaVu Sans), one palette (Tableau 10, colour-blind tolerant): series i
# (a Python version, or a case in a line chart) is always PAL[i], and a version keeps
# its colour in every chart of a run. Names are printed as written (noenhanced: an
# underscore is an underscore, not a subscript).

set encoding utf8
if (FORMAT eq 'svg') {
    # The svg terminal counts font sizes in pixels, pngcairo in points: 12.5 px here
    # looks like 10 pt there.
    set terminal svg size WIDTH,HEIGHT fixed font 'DejaVu Sans,12.5' noenhanced \
        background rgb 'white'
} else {
    set terminal pngcairo size WIDTH,HEIGHT font 'DejaVu Sans,10' noenhanced \
        background rgb 'white'
}
set output OUTPUT
set termoption noenhanced

array PAL[10] = [0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, \
                 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac]
# colour i of the palette (i from 1; wraps after 10)
pal(i) = PAL[(int(i) - 1) % 10 + 1]

# Grey for frames, grid and whiskers; text in near-black.
INK = 0x222222
GRID = 0xdddddd
set border lc rgb INK
set grid back lt 1 lc rgb GRID lw 1
set grid noxtics noytics
set tics textcolor rgb INK
set key textcolor rgb INK noautotitle
set datafile missing NaN
set style line 100 lc rgb INK lw 1

# Chart title: TITLE (larger) and the subtitle's lines SUB[1..NSUB] (on which Pythons
# and machine, how the figures were summarised, the rules that chose what is shown),
# centred at the top; bin/plots leaves 30 + 16.5 × NSUB pixels for them.
# Sizes that differ between the terminals: the svg terminal measures fonts in pixels
# and overestimates text widths (KEY_WIDTH corrects the key's columns for it).
TITLE_FONT = 'DejaVu Sans,12'
SMALL_FONT = 'DejaVu Sans,9'
KEY_WIDTH = 2
BAR_KEY_WIDTH = 2
POINT_SIZE = 0.8
if (FORMAT eq 'svg') {
    TITLE_FONT = 'DejaVu Sans,15'
    SMALL_FONT = 'DejaVu Sans,11'
    KEY_WIDTH = -2
    BAR_KEY_WIDTH = 0
    POINT_SIZE = 0.6
}
set label 901 TITLE at screen 0.5, screen 1.0 - 16.0 / HEIGHT center font TITLE_FONT \
    textcolor rgb INK
do for [i=1:NSUB] {
    set label (901 + i) SUB[i] at screen 0.5, screen 1.0 - (36.0 + 16.5 * (i - 1)) / HEIGHT \
        center textcolor rgb INK
}
