/* interp.c: interpreter start and stop, with the version differences of the init API. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

#if PY_VERSION_HEX >= 0x03080000

int interp_start(const char *program_path, char *err, size_t err_size)
{
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.site_import = 0;
    config.user_site_directory = 0;
    config.use_hash_seed = 1;
    config.hash_seed = 0;
    PyStatus status = PyConfig_SetBytesString(&config, &config.program_name, program_path);
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        snprintf(err, err_size, "cannot start Python %s: %s", PY_VERSION,
                 status.err_msg ? status.err_msg : "unknown error");
        return -1;
    }
    return 0;
}

#else /* 2.7, 3.6, 3.7: global flags, and a scrubbed environment for the hash seed */

/* Before 3.8 the hash seed can only come from PYTHONHASHSEED, which -E would also
 * hide (and 3.7's Py_IsolatedFlag implies -E): so instead of those flags, drop every
 * PYTHON* variable ourselves and set that one. */
static void scrub_python_environment(void)
{
    for (size_t i = 0; environ[i] != NULL;) {
        if (strncmp(environ[i], "PYTHON", 6) == 0) {
            size_t name_length = strcspn(environ[i], "=");
            char name[256];
            if (name_length < sizeof name) {
                memcpy(name, environ[i], name_length);
                name[name_length] = '\0';
                unsetenv(name);
                continue; /* environ shifted down: look at index i again */
            }
        }
        i++;
    }
    setenv("PYTHONHASHSEED", "0", 1);
}

int interp_start(const char *program_path, char *err, size_t err_size)
{
    scrub_python_environment();
    Py_NoSiteFlag = 1;
    Py_NoUserSiteDirectory = 1;
    Py_DontWriteBytecodeFlag = 1;
#if PY_MAJOR_VERSION >= 3
    static wchar_t *program_name;
    program_name = Py_DecodeLocale(program_path, NULL);
    if (program_name == NULL) {
        snprintf(err, err_size, "cannot decode the program path '%s'", program_path);
        return -1;
    }
    Py_SetProgramName(program_name);
#else
    static char program_name[4096];
    snprintf(program_name, sizeof program_name, "%s", program_path);
    Py_SetProgramName(program_name);
#endif
    Py_InitializeEx(0);
    if (!Py_IsInitialized()) {
        snprintf(err, err_size, "cannot start Python %s", PY_VERSION);
        return -1;
    }
    return 0;
}

#endif

int interp_stop(void)
{
#if PY_VERSION_HEX >= 0x03060000
    return Py_FinalizeEx() == 0 ? 0 : -1;
#else
    Py_Finalize();
    return 0;
#endif
}

int interp_set_gc(int enabled)
{
    PyObject *gc = PyImport_ImportModule("gc");
    if (gc == NULL)
        return -1;
    int previous = -1;
    PyObject *state = PyObject_CallMethod(gc, "isenabled", NULL);
    if (state != NULL) {
        previous = PyObject_IsTrue(state);
        Py_DECREF(state);
        PyObject *done = PyObject_CallMethod(gc, enabled ? "enable" : "disable", NULL);
        if (done == NULL)
            previous = -1;
        Py_XDECREF(done);
    }
    Py_DECREF(gc);
    return previous;
}

int interp_collect(void)
{
    PyObject *gc = PyImport_ImportModule("gc");
    PyObject *collected = gc ? PyObject_CallMethod(gc, "collect", NULL) : NULL;
    Py_XDECREF(gc);
    Py_XDECREF(collected);
    return collected ? 0 : -1;
}
