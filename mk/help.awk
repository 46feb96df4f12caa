# mk/help.awk: what `make help` prints, read from the makefiles given (MAKEFILE_LIST):
#
#   ## TARGET: what it does            a target, listed in the order found
#   #= NAME: what it means             a variable the user may set, listed in the order
#                                      found, with its default taken from the line
#   NAME ?= VALUE                      that sets it (none printed when VALUE is empty:
#                                      the meaning then says what unset does)
#
# Names are padded to the longest of them all. Usage: awk -f mk/help.awk FILES...

/^## / { add_entry("target", substr($0, 4)) }
/^#= / { add_entry("variable", substr($0, 4)) }
/^[A-Za-z_][A-Za-z0-9_]* *\?=/ { remember_default($0) }

# Records "NAME: text" as the next entry of kind.
function add_entry(kind, line,    cut, n) {
    cut = index(line, ": ")
    if (cut == 0)
        return
    n = ++count[kind]
    names[kind, n] = substr(line, 1, cut - 1)
    texts[kind, n] = substr(line, cut + 2)
    if (length(names[kind, n]) > width)
        width = length(names[kind, n])
}

function remember_default(line,    name, value) {
    name = line
    sub(/ *\?=.*/, "", name)
    value = line
    sub(/^[^?]*\?= */, "", value)
    sub(/ +$/, "", value)
    if (!(name in defaults))
        defaults[name] = value
}

function print_list(kind, title,    n, text) {
    if (!count[kind])
        return
    print title
    for (n = 1; n <= count[kind]; n++) {
        text = texts[kind, n]
        if (kind == "variable" && defaults[names[kind, n]] != "")
            text = text " (default " defaults[names[kind, n]] ")"
        printf "  %-" width "s  %s\n", names[kind, n], text
    }
}

END {
    print_list("target", "targets:")
    if (count["target"] && count["variable"])
        print ""
    print_list("variable", "variables (make TARGET NAME=value ...):")
}
