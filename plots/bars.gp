# plots/bars.gp: one figure per row (a case, an interpreter, a program) as a horizontal
# bar with whiskers; the charts time-<family>, allocs-<family>, bytes-<family>,
# memory-<family>, resources-<family>, startup and programs.
#
# Rows are cases (or interpreters, or programs), read top to bottom; within a row, one
# bar per Python version, in version order, each in its version's colour. The value
# axis is horizontal: linear from 0, logarithmic, or "symlog" (logarithmic away from a
# linear stretch around 0, so that zeros and negatives still have a place: the axis
# maps x to sgn(x)·log10(1 + |x|/SYMC)). One or more panels (one per metric) share the
# rows' layout, stacked.
#
# tools/plots computes every position (pixels do not depend on the data's scale), the
# tics and their labels, and writes for panel p, in DATADIR:
#     bars_<p>.dat   y  x_from  x_to  y_low  y_high  colour    one bar
#     whisk_<p>.dat  x  y  x_low  x_high                       one whisker (spread)
#     labels_<p>.dat x  y  "text"                               e.g. "0" beside a zero bar
# and params.gp sets:
#     NP, RIGHT                                panels; the right margin (screen; the left
#                                              one fits the row labels, alike in every panel)
#     P_TOP[p], P_BOTTOM[p]                    the panel's plot area (screen)
#     P_SCALE[p], P_SYMC[p], P_XMIN[p], P_XMAX[p], P_XTICS[p], P_XLABEL[p]
#     P_ROWS[p], P_YTICS[p], P_HEAD[p]         rows, their labels, the panel's heading
#     NS, S_TITLE[s], S_COLOUR[s]              the key: one entry per series
#     KEY_Y, KEY_COLS                          where the key's top is (screen), columns
# style.gp has opened the terminal and placed the title and subtitle.

set multiplot
set rmargin at screen RIGHT
set ytics scale 0 nomirror
set xtics nomirror out scale 0.6
set grid xtics
set border 3
set style fill solid 0.88 noborder
set key at screen 0.5, screen KEY_Y center top horizontal maxcols KEY_COLS \
    samplen 1.5 spacing 1.1 width BAR_KEY_WIDTH

do for [p=1:NP] {
    set tmargin at screen P_TOP[p]
    set bmargin at screen P_BOTTOM[p]
    unset logscale x
    unset nonlinear x
    if (P_SCALE[p] eq 'log') {
        set logscale x 10
    }
    if (P_SCALE[p] eq 'symlog') {
        SYMC = P_SYMC[p]
        set nonlinear x via sgn(x) * log10(1 + abs(x) / SYMC) \
            inverse sgn(x) * SYMC * (10**abs(x) - 1)
    }
    set xrange [P_XMIN[p]:P_XMAX[p]]
    set yrange [-P_ROWS[p]:0]
    eval 'set xtics ' . P_XTICS[p]
    eval 'set ytics ' . P_YTICS[p]
    set xlabel P_XLABEL[p] offset 0, 0.3
    set title P_HEAD[p] offset 0, -0.4
    if (p > 1) {
        # drawn once: every plot of a multiplot draws the labels again
        unset key
        unset label
    }
    bars = sprintf('%s/bars_%d.dat', DATADIR, p)
    whiskers = sprintf('%s/whisk_%d.dat', DATADIR, p)
    labels = sprintf('%s/labels_%d.dat', DATADIR, p)
    plot bars using (($2 + $3) / 2):1:2:3:4:5:(pal($6)) with boxxyerror \
             fillcolor rgb variable notitle, \
         whiskers using 1:2:3:4 with xerrorbars pointtype -1 lc rgb INK lw 1 notitle, \
         labels using 1:2:3 with labels left offset char 0.4, 0 \
             textcolor rgb INK font SMALL_FONT notitle, \
         for [s=1:NS] keyentry with boxes fillcolor rgb pal(S_COLOUR[s]) \
             title S_TITLE[s]
}
unset multiplot
