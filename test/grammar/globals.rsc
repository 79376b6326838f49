# SYNTAX TEST "source.routeros" "global commands, with and without the colon"
:put "hello"
# <- punctuation.definition.keyword.routeros
#^^^ support.function.builtin.routeros
put "hello"
# <--- support.function.builtin.routeros
:local counter 0
#^^^^^ storage.type.variable.routeros
#      ^^^^^^^ variable.other.declaration.routeros
#              ^ constant.numeric.decimal.routeros
local counter 0
# <----- storage.type.variable.routeros
:global Shared
#^^^^^^ storage.type.variable.routeros
#       ^^^^^^ variable.other.declaration.routeros
:set counter ($counter + 1)
#^^^ keyword.other.assignment.routeros
#    ^^^^^^^ variable.other.declaration.routeros
:set $counter 2
#    ^ punctuation.definition.variable.routeros
#     ^^^^^^^ variable.other.declaration.routeros
:set ($arr->"k") 5
#^^^ keyword.other.assignment.routeros
#    ^ punctuation.section.parens.begin.routeros
:if ($counter > 1) do={ :put "big" } else={ :put "small" }
#^^ keyword.control.flow.routeros
#                  ^^ keyword.control.routeros
#                    ^ keyword.operator.assignment.routeros
#                     ^ punctuation.section.block.begin.routeros
#                                    ^^^^ keyword.control.routeros
#                                        ^ keyword.operator.assignment.routeros
if (true) do={ put 1 }
# <-- keyword.control.flow.routeros
#              ^^^ support.function.builtin.routeros
:while ($counter < 10) do={ :set counter ($counter + 1) }
#^^^^^ keyword.control.flow.routeros
:for i from=1 to=10 step=2 do={ :put $i }
#^^^ keyword.control.flow.routeros
#    ^ variable.other.declaration.routeros
#      ^^^^ keyword.control.routeros
#          ^ keyword.operator.assignment.routeros
#             ^^ keyword.control.routeros
#                   ^^^^ keyword.control.routeros
#                          ^^ keyword.control.routeros
:foreach k,v in=$arr do={ :put "$k=$v" }
#^^^^^^^ keyword.control.flow.routeros
#        ^ variable.other.declaration.routeros
#         ^ keyword.operator.comma.routeros
#          ^ variable.other.declaration.routeros
#            ^^ keyword.control.routeros
#               ^ variable.other.routeros punctuation.definition.variable.routeros
:foreach item in=$list do={}
#        ^^^^ variable.other.declaration.routeros
:do { :put [:resolve "example.com"] } on-error={ :log warning "no DNS" }
#^^ keyword.control.flow.routeros
#                                     ^^^^^^^^ keyword.control.routeros
:do { :set counter ($counter - 1) } while=($counter > 0)
#                                   ^^^^^ keyword.control.routeros
:onerror e in={ :error "boom" } do={ :put "caught $e" }
#^^^^^^^ keyword.control.flow.routeros
#        ^ variable.other.declaration.routeros
#          ^^ keyword.control.routeros
#                ^^^^^ keyword.control.flow.routeros
#                               ^^ keyword.control.routeros
:retry command={ /tool fetch url="http://10.0.0.1/" } delay=1s max=3 on-error={ :return false }
#^^^^^ keyword.control.flow.routeros
#      ^^^^^^^ variable.parameter.routeros
#                                                           ^^ constant.numeric.time.routeros
#                                                                                ^^^^^^ keyword.control.flow.routeros
#                                                                                       ^^^^^ constant.language.boolean.routeros
:delay 2s
#^^^^^ support.function.builtin.routeros
#      ^^ constant.numeric.time.routeros
:log info "message"; :log error "bad"; log debug "d"
#^^^ support.function.builtin.routeros
#    ^^^^ support.constant.log-level.routeros
#                         ^^^^^ support.constant.log-level.routeros
#                                      ^^^ support.function.builtin.routeros
#                                          ^^^^^ support.constant.log-level.routeros
:execute script="/log info x" file=out.txt
#^^^^^^^ support.function.builtin.routeros
#        ^^^^^^ variable.parameter.routeros
:local code [:parse ":put 1"]
#             ^^^^^ support.function.builtin.routeros
:local s [:tostr 5]; :local a [:toarray "1,2"]; :local b [:tobool "true"]; :local n [:tonum "5"]
#          ^^^^^ support.function.builtin.routeros
#                               ^^^^^^^ support.function.builtin.routeros
#                                                          ^^^^^^ support.function.builtin.routeros
#                                                                                     ^^^^^ support.function.builtin.routeros
:put [:toip "1.2.3.4"]; :put [:toip6 "::1"]; :put [:toid "*1"]; :put [:totime "1h"]
#      ^^^^ support.function.builtin.routeros
#                              ^^^^^ support.function.builtin.routeros
#                                                   ^^^^ support.function.builtin.routeros
#                                                                      ^^^^^^ support.function.builtin.routeros
:put [:typeof $x]; :put [:len "abc"]; :put [:pick "abc" 0 2]; :put [:find "abc" "b" 0]
#      ^^^^^^ support.function.builtin.routeros
#                         ^^^ support.function.builtin.routeros
#                                            ^^^^ support.function.builtin.routeros
#                                                                    ^^^^ support.function.builtin.routeros
:put [:time { :delay 1s }]; :put [:jobname]
#      ^^^^ support.function.builtin.routeros
#              ^^^^^ support.function.builtin.routeros
#                                  ^^^^^^^ support.function.builtin.routeros
:put [:serialize to=json $a]; :put [:deserialize from=json "[1]"]; :put [:convert to=hex "a"]
#      ^^^^^^^^^ support.function.builtin.routeros
#                ^^ keyword.control.routeros
#                                    ^^^^^^^^^^^ support.function.builtin.routeros
#                                                                         ^^^^^^^ support.function.builtin.routeros
:put [:rndnum from=1 to=6]; :put [:rndstr length=8]
#      ^^^^^^ support.function.builtin.routeros
#                                  ^^^^^^ support.function.builtin.routeros
#                                         ^^^^^^ variable.parameter.routeros
:beep frequency=440 length=1s; :terminal style none; :environment print
#^^^^ support.function.builtin.routeros
#                               ^^^^^^^^ support.function.builtin.routeros
#                                                     ^^^^^^^^^^^ support.function.builtin.routeros
:error "stop"; :return 5
#^^^^^ keyword.control.flow.routeros
#               ^^^^^^ keyword.control.flow.routeros
#                      ^ constant.numeric.decimal.routeros - variable.other.declaration.routeros
:global addOne do={ :return ($1 + 1) }
#^^^^^^ storage.type.variable.routeros
#       ^^^^^^ entity.name.function.routeros
#                            ^^ variable.other.routeros
:put [$addOne 4 name="x"]
#     ^ meta.function-call.routeros punctuation.definition.variable.routeros
#      ^^^^^^ meta.function-call.routeros entity.name.function.call.routeros
#               ^^^^ variable.parameter.routeros
$addOne 4
# <- punctuation.definition.variable.routeros
#^^^^^^ entity.name.function.call.routeros
:find "abc" "b"
#^^^^ support.function.builtin.routeros
:somethingnew 1
#^^^^^^^^^^^^ support.function.routeros
foreach i in={1;2} do={ delay 1s; log info "x"; while (false) do={} }
# <------- keyword.control.flow.routeros
#       ^ variable.other.declaration.routeros
#                       ^^^^^ support.function.builtin.routeros
#                                 ^^^ support.function.builtin.routeros
#                                     ^^^^ support.constant.log-level.routeros
#                                               ^^^^^ keyword.control.flow.routeros
