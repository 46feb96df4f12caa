// gbench_shim.cc: runs idiombench's samples under Google Benchmark's runner.
//
// Each benchmark has one iteration per repetition; the iteration takes one sample
// from C and reports its net time per operation as manual time, so Google
// Benchmark's repetitions and aggregates are over those samples.
#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include <sys/mman.h>

namespace {

// --benchmark_out is handled here, not by the library: it would reopen (truncate) the
// file on every RunSpecifiedBenchmarks call, and we make one call per case. So the
// file and its reporter live for the whole run, fed through the display reporter.
//
// The harness measures in child processes forked from the one that opened the file:
// each child writes through its copy of the stream and reporter (the file offset is
// shared), and what the file already holds is kept in memory shared by them all, so
// that the context is written once and JSON runs are separated by commas across
// children.
struct OutProgress {
    bool context_written;
    bool runs_written;
};
std::ofstream out_file;
std::unique_ptr<benchmark::BenchmarkReporter> out_reporter;
bool out_is_json = false;
OutProgress *out_progress = nullptr; // shared by every process of the run
bool context_seen_here = false;      // by this process's copy of out_reporter
bool runs_written_here = false;
std::ostringstream muted;            // what a console reporter's context would repeat

// How a run says that its case stopped with SkipWithError, chosen by what the library's
// Run has (a feature test at compile time, not a version guess): Google Benchmark 1.8
// replaced `bool error_occurred` and `error_message` with `skipped` (an enum whose
// NotSkipped is 0) and `skip_message`. Overload resolution prefers the int overloads;
// they drop out (SFINAE) where the member they name does not exist.
template <typename R>
auto RunFailed(const R &run, int) -> decltype(run.skipped, bool())
{
    return static_cast<int>(run.skipped) != 0;
}
template <typename R>
bool RunFailed(const R &run, long)
{
    return run.error_occurred;
}
template <typename R>
auto RunMessage(const R &run, int) -> decltype((run.skip_message)) // a reference into run
{
    return run.skip_message;
}
template <typename R>
auto RunMessage(const R &run, long) -> decltype((run.error_message))
{
    return run.error_message;
}

// Hands every run to the C callback instead of printing a table.
class ForwardingReporter : public benchmark::BenchmarkReporter {
  public:
    ForwardingReporter(gbench_report_fn report, void *ctx) : report_(report), ctx_(ctx) {}

    bool ReportContext(const Context &context) override
    {
        if (!out_reporter || context_seen_here)
            return true;
        context_seen_here = true;
        if (!out_progress->context_written) {
            out_reporter->ReportContext(context);
            out_file.flush();
            out_progress->context_written = true;
        } else if (!out_is_json) {
            // A later process's console reporter needs the column widths, not the text.
            out_reporter->SetErrorStream(&muted);
            out_reporter->ReportContext(context);
            out_reporter->SetErrorStream(&out_file);
        }
        return true;
    }

    void ReportRuns(const std::vector<Run> &runs) override
    {
        if (out_reporter && !runs.empty()) {
            // Our reporter separates its own runs; those of an earlier process, not.
            if (out_is_json && out_progress->runs_written && !runs_written_here)
                out_file << ",\n";
            out_reporter->ReportRuns(runs);
            out_file.flush(); // before the process can die or end with _exit
            out_progress->runs_written = runs_written_here = true;
        }
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
        gbench_run out;
        out.is_aggregate = aggregate;
        out.aggregate_name = run.aggregate_name.c_str();
        out.value = value;
        out.error_occurred = RunFailed(run, 0);
        out.error_message = RunMessage(run, 0).c_str();
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

// Removes "--NAME=value" from argv and returns the value (empty when absent).
std::string TakeFlag(int *argc, char **argv, const char *name)
{
    std::string prefix = std::string("--") + name + "=";
    std::string value;
    int kept = 0;
    for (int i = 0; i < *argc; i++) {
        if (i > 0 && std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0)
            value = argv[i] + prefix.size();
        else
            argv[kept++] = argv[i];
    }
    *argc = kept;
    argv[kept] = nullptr;
    return value;
}

int OpenOutFile(const std::string &path, const std::string &format, char *err,
                size_t err_size)
{
    if (format == "json" || format.empty()) {
        out_reporter.reset(new benchmark::JSONReporter());
    } else if (format == "console") {
        out_reporter.reset(new benchmark::ConsoleReporter(benchmark::ConsoleReporter::OO_None));
    } else {
        std::snprintf(err, err_size,
                      "--benchmark_out_format=%s is not supported: use json or console "
                      "(measurements.csv is the CSV)", format.c_str());
        return -1;
    }
    void *shared = mmap(nullptr, sizeof(OutProgress), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        std::snprintf(err, err_size, "cannot map memory for --benchmark_out: %s",
                      std::strerror(errno));
        out_reporter.reset();
        return -1;
    }
    out_progress = new (shared) OutProgress{false, false};
    out_is_json = format == "json" || format.empty();
    out_file.open(path);
    if (!out_file.is_open()) {
        std::snprintf(err, err_size, "cannot write --benchmark_out file '%s': %s",
                      path.c_str(), std::strerror(errno));
        out_reporter.reset();
        return -1;
    }
    out_reporter->SetOutputStream(&out_file);
    out_reporter->SetErrorStream(&out_file);
    return 0;
}

} // namespace

extern "C" int gbench_shim_initialize(int *argc, char **argv, char *err, size_t err_size)
{
    std::string out_path = TakeFlag(argc, argv, "benchmark_out");
    std::string out_format = TakeFlag(argc, argv, "benchmark_out_format");
    benchmark::Initialize(argc, argv);
    if (out_path.empty())
        return 0;
    return OpenOutFile(out_path, out_format, err, err_size);
}

extern "C" void gbench_shim_finish(void)
{
    if (!out_reporter)
        return;
    if (out_progress->context_written)
        out_reporter->Finalize();
    out_reporter.reset();
    out_file.close();
}

extern "C" size_t gbench_shim_run_one(const char *name, int repetitions,
                                      gbench_sample_fn sample, void *sample_ctx,
                                      gbench_report_fn report, void *report_ctx)
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

extern "C" const char *gbench_shim_build_type(void)
{
    std::ostringstream context;
    benchmark::BenchmarkReporter::PrintBasicContext(&context,
                                                    benchmark::BenchmarkReporter::Context());
    return context.str().find("DEBUG") != std::string::npos ? "debug" : "release";
}
