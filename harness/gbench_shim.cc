// gbench_shim.cc: runs idiombench's samples under Google Benchmark's runner.
//
// Each benchmark has one iteration per repetition; the iteration takes one sample
// from C and reports its net time per operation as manual time, so Google
// Benchmark's repetitions and aggregates are over those samples.
#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Hands every run to the C callback instead of printing a table.
class ForwardingReporter : public benchmark::BenchmarkReporter {
  public:
    ForwardingReporter(gbench_report_fn report, void *ctx) : report_(report), ctx_(ctx) {}

    bool ReportContext(const Context &) override { return true; }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &run : runs)
            Forward(run);
    }

  private:
    void Forward(const Run &run)
    {
        bool aggregate = run.run_type == Run::RT_Aggregate;
        double value = run.real_accumulated_time;
        // Percentages (cv) are fractions as they are; times are totals over iterations.
        if (!(aggregate && run.aggregate_unit == benchmark::kPercentage) && run.iterations > 0)
            value /= static_cast<double>(run.iterations);
        std::string name = run.benchmark_name();
        gbench_run out;
        out.name = name.c_str();
        out.is_aggregate = aggregate;
        out.aggregate_name = run.aggregate_name.c_str();
        out.value = value;
        out.repetition_index = aggregate ? -1 : static_cast<long>(run.repetition_index);
        out.error_occurred = run.error_occurred;
        out.error_message = run.error_message.c_str();
        report_(ctx_, &out);
    }

    gbench_report_fn report_;
    void *ctx_;
};

double Minimum(const std::vector<double> &values)
{
    return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
}

double Maximum(const std::vector<double> &values)
{
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

} // namespace

extern "C" void gbench_initialize(int *argc, char **argv)
{
    benchmark::Initialize(argc, argv);
}

extern "C" size_t gbench_run_one(const char *name, int repetitions, gbench_sample_fn sample,
                                 void *sample_ctx, gbench_report_fn report, void *report_ctx)
{
    auto body = [sample, sample_ctx](benchmark::State &state) {
        for (auto _ : state) {
            double seconds = 0.0;
            char err[1024] = "";
            if (sample(sample_ctx, &seconds, err, sizeof err) != 0) {
                state.SkipWithError(err);
                break;
            }
            state.SetIterationTime(seconds);
        }
    };
    benchmark::RegisterBenchmark(name, body)
        ->UseManualTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->ComputeStatistics("min", Minimum)
        ->ComputeStatistics("max", Maximum);
    ForwardingReporter reporter(report, report_ctx);
    size_t count = benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::ClearRegisteredBenchmarks();
    return count;
}

extern "C" const char *gbench_build_type(void)
{
    std::ostringstream context;
    benchmark::BenchmarkReporter::PrintBasicContext(&context,
                                                    benchmark::BenchmarkReporter::Context());
    return context.str().find("DEBUG") != std::string::npos ? "debug" : "release";
}
