# plots/versions.gp: how each case's time per operation moved from Python version to
# Python version; the charts versions-<family>.
#
# x is the version, in version order, one step each (ordinal: the distance between two
# versions means nothing); y is the time, logarithmic when the cases span decades.
# One line per case, in its own colour and point shape, through its medians (the
# spread is in the time-<family> chart).
#
# tools/plots writes DATADIR/line_<i>.dat (x  median, one row per version
# that measured the case) for each line i, and params.gp sets:
#     NL, L_COLOUR[i], L_POINT[i], L_TITLE[i]              the lines
#     XMAX, XTICS                                          versions 1..XMAX-1, their labels
#     YSCALE ('log' or 'linear'), YMIN, YMAX, YTICS, YLABEL, XLABEL
#     TOP, KEY_COLS                                         top of the plot area, key columns
# style.gp has opened the terminal and placed the title and subtitle.

set tmargin at screen TOP
set lmargin 12
set rmargin 4
if (YSCALE eq 'log') {
    set logscale y 10
}
set xrange [0.6:XMAX - 0.6]
set yrange [YMIN:YMAX]
eval 'set xtics ' . XTICS
eval 'set ytics ' . YTICS
set xtics nomirror out scale 0.6
set ytics nomirror out scale 0.6
set grid ytics
set border 3
set xlabel XLABEL offset 0, 0.4
set ylabel YLABEL
set key below center horizontal maxcols KEY_COLS Left reverse samplen 3 spacing 1.15 width KEY_WIDTH

plot for [i=1:NL] sprintf('%s/line_%d.dat', DATADIR, i) using 1:2 \
        with linespoints lc rgb pal(L_COLOUR[i]) pt L_POINT[i] ps POINT_SIZE lw 1.6 \
        title L_TITLE[i]
