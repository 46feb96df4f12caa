# plots/scaling.gp: time per operation against the size n, log-log, one line per case
# (and per Python version drawn); the charts scaling-<family>.
#
# A case's colour and point shape are its own; a version's is its dash pattern, named
# in the key after the cases. A pale band around each line is the spread (bin/plots
# says which in the subtitle).
#
# bin/plots writes DATADIR/line_<i>.dat (n  median  low  high, one row per size) for
# each line i, and params.gp sets:
#     NL, L_COLOUR[i], L_POINT[i], L_DASH[i], L_TITLE[i]   the lines ('' title: no key entry)
#     NV, V_TITLE[j], V_DASH[j]                            dash patterns explained in the key
#     XMIN, XMAX, XTICS, YMIN, YMAX, YTICS, XLABEL, YLABEL the axes (tics as "(...)" lists)
#     TOP, KEY_COLS                                         top of the plot area, key columns
# style.gp has opened the terminal and placed the title and subtitle.

set tmargin at screen TOP
set lmargin 12
set rmargin 4
set logscale xy 10
set xrange [XMIN:XMAX]
set yrange [YMIN:YMAX]
eval 'set xtics ' . XTICS
eval 'set ytics ' . YTICS
set xtics nomirror out scale 0.6
set ytics nomirror out scale 0.6
set grid xtics ytics
set border 3
set xlabel XLABEL offset 0, 0.4
set ylabel YLABEL
set key below center horizontal maxcols KEY_COLS Left reverse samplen 3 spacing 1.15 width KEY_WIDTH

line(i) = sprintf('%s/line_%d.dat', DATADIR, i)
plot for [i=1:NL] line(i) using 1:3:4 with filledcurves lc rgb pal(L_COLOUR[i]) \
        fillstyle transparent solid 0.12 noborder notitle, \
     for [i=1:NL] line(i) using 1:2 with linespoints lc rgb pal(L_COLOUR[i]) \
        dt L_DASH[i] pt L_POINT[i] ps POINT_SIZE lw 1.6 title L_TITLE[i], \
     for [j=1:NV] keyentry with lines lc rgb INK dt V_DASH[j] lw 1.6 title V_TITLE[j]
