# mk/quote.mk: values as data. Included by the Makefile and mk/*.mk, so that a value
# given on the command line (a regex, a path with a quote, `$`, backtick or blank)
# reaches a command unchanged, neither expanded by make nor parsed by a shell.
#
#   $(call as_typed,NAMES)    each variable of NAMES set on the command line or in the
#                             environment made simple, its value as typed ($(value
#                             ...)): make never expands a `$` in it, not even when
#                             exporting it (the others keep their origin, so ?= still
#                             sets them)
#   $(call shell_word,TEXT)   TEXT as one single-quoted shell word
#   $(call c_string,TEXT)     TEXT as a C string literal ("...", \ and " escaped, a
#                             newline as \n: a recipe line holds no newline)

as_typed = $(foreach name,$(1),$(if $(filter command environment,$(origin $(name))),\
	$(eval override $(name) := $$(value $(name)))))
shell_word = '$(subst ','\'',$(1))'
define quote_newline


endef
c_string = "$(subst $(quote_newline),\n,$(subst ",\",$(subst \,\\,$(1))))"
