/* schema.h: the header line of each CSV file of a run folder, without its line break,
 * as both programs write them. docs/run-folder.csv defines them; tests/e2e/schema.bats
 * checks these macros against it (kept by hand: eight strings need no generator). */
#ifndef IDIOMBENCH_SCHEMA_H
#define IDIOMBENCH_SCHEMA_H

/* ci_low and ci_high: the 95% confidence interval of the median (stats_median_ci), in
 * the row's unit. */
#define MEASUREMENTS_COLUMNS                                                             \
    "python_version,family,case,n,metric,unit,median,mean,stddev,cv,min,max,repetitions," \
    "loops,ci_low,ci_high"
#define SAMPLES_COLUMNS "python_version,family,case,n,metric,unit,round,value,loops"
#define FAILURES_COLUMNS "python_version,family,case,n,stage,error,traceback"
#define OBSERVATIONS_COLUMNS "python_version,family,observation,value,error"
#define UNAVAILABLE_COLUMNS "python_version,family,case,metric,reason"
#define CASES_COLUMNS "python_version,family,case,definition"
#define COMPLEXITY_COLUMNS                                                               \
    "python_version,family,case,metric,unit,sizes,best_fit,coefficient,rms_o1,rms_on," \
    "rms_onlogn,rms_on2"
#define COMPARISON_COLUMNS                                                                 \
    "family,case,n,metric,unit,baseline,python_version,baseline_median,median,ratio,"     \
    "ci_low,ci_high,p_value,test,verdict,baseline_samples,samples,mw_p_value"

#endif
