"""idiombench.plots: make plots, the charts of a run folder rendered by gnuplot."""
