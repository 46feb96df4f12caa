/* host_facts.c: gathers the facts of the meta file from the system and the interpreter. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "host_facts.h"
#include "clock.h"
#include "gbench_shim.h"
#include "probe_alloc.h"
#include "pyutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef IDIOMBENCH_PYTHON
#define IDIOMBENCH_PYTHON "unknown"
#endif

static void cpu_model(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *cpuinfo = fopen("/proc/cpuinfo", "r");
    if (cpuinfo == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof line, cpuinfo) != NULL) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
            snprintf(out, size, "%s", colon + 2);
            out[strcspn(out, "\n")] = '\0';
            break;
        }
    }
    fclose(cpuinfo);
}

/* "2 online, under a hypervisor": the CPUs a run shares, and whether the machine is
 * virtual (the x86 "hypervisor" flag), which a reader of the figures needs to know. */
static void cpu_count(char *out, size_t size)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    bool virtual_machine = false;
    FILE *cpuinfo = fopen("/proc/cpuinfo", "r");
    if (cpuinfo != NULL) {
        char line[4096];
        while (!virtual_machine && fgets(line, sizeof line, cpuinfo) != NULL)
            virtual_machine = strncmp(line, "flags", 5) == 0 && strstr(line, " hypervisor");
        fclose(cpuinfo);
    }
    snprintf(out, size, "%ld online%s", online, virtual_machine ? ", under a hypervisor" : "");
}

/* The first line printed by a shell command, or "unknown". */
static void command_output(const char *command, char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *pipe = popen(command, "r");
    if (pipe == NULL)
        return;
    if (fgets(out, (int)size, pipe) == NULL)
        snprintf(out, size, "unknown");
    out[strcspn(out, "\n")] = '\0';
    pclose(pipe);
}

static void git_commit(const char *source_dir, char *out, size_t size)
{
    char command[4096];
    snprintf(command, sizeof command,
             "cd '%s' 2>/dev/null && git rev-parse HEAD 2>/dev/null", source_dir);
    char commit[128];
    command_output(command, commit, sizeof commit);
    snprintf(out, size, "%s", commit);
    /* Any line of git status means the work tree has uncommitted changes. */
    char dirty[8];
    snprintf(command, sizeof command,
             "cd '%s' 2>/dev/null && git status --porcelain --untracked-files=no "
             "2>/dev/null | wc -l",
             source_dir);
    command_output(command, dirty, sizeof dirty);
    if (strcmp(commit, "unknown") != 0 && strcmp(dirty, "0") != 0)
        snprintf(out, size, "%s (with uncommitted changes)", commit);
}

/* sysconfig.get_config_var(name) as text, or "" */
static void config_var(const char *name, char *out, size_t size)
{
    out[0] = '\0';
    PyObject *sysconfig = PyImport_ImportModule("sysconfig");
    PyObject *value = sysconfig ? PyObject_CallMethod(sysconfig, "get_config_var", "s", name)
                                : NULL;
    if (value != NULL && value != Py_None) {
        PyObject *text = PyObject_Str(value);
        char *copy = text ? pyutil_strdup(text) : NULL;
        if (copy != NULL)
            snprintf(out, size, "%s", copy);
        free(copy);
        Py_XDECREF(text);
    }
    PyErr_Clear();
    Py_XDECREF(value);
    Py_XDECREF(sysconfig);
}

int host_facts_collect(meta_list *meta, const char *source_dir)
{
    struct utsname system;
    char text[4096], more[4096];
    int status = 0;
    if (uname(&system) != 0)
        memset(&system, 0, sizeof system);
    status |= results_meta_add(meta, "host", system.nodename);
    cpu_model(text, sizeof text);
    status |= results_meta_add(meta, "cpu", text);
    cpu_count(text, sizeof text);
    status |= results_meta_add(meta, "cpus", text);
    snprintf(text, sizeof text, "%s %s %s", system.sysname, system.release, system.machine);
    status |= results_meta_add(meta, "kernel", text);
    status |= results_meta_add(meta, "compiler", "gcc " __VERSION__);
    status |= results_meta_add(meta, "python_version", pyutil_version());
    status |= results_meta_add(meta, "python_full_version", Py_GetVersion());
    status |= results_meta_add(meta, "python_path", IDIOMBENCH_PYTHON);
    config_var("CONFIG_ARGS", text, sizeof text);
    status |= results_meta_add(meta, "python_configure", text);
    config_var("CFLAGS", text, sizeof text);
    status |= results_meta_add(meta, "python_cflags", text);
    git_commit(source_dir, text, sizeof text);
    status |= results_meta_add(meta, "suite_commit", text);
    snprintf(text, sizeof text, "%s, resolution %lld ns", clock_name(),
             (long long)clock_resolution_ns());
    status |= results_meta_add(meta, "clock", text);
    snprintf(more, sizeof more, "%s",
             probe_alloc_available()
                 ? "PyMem_SetAllocator wrapping RAW, MEM and OBJ; nested requests counted once"
                 : "unavailable (this CPython has no PyMem_SetAllocator)");
    status |= results_meta_add(meta, "allocator_hooks", more);
    status |= results_meta_add(meta, "gbench_build_type", gbench_shim_build_type());
    return status ? -1 : 0;
}
