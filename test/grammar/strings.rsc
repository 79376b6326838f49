# SYNTAX TEST "source.routeros" "strings: escapes, interpolation, continuation"
:put "plain text"
#    ^ string.quoted.double.routeros punctuation.definition.string.begin.routeros
#     ^^^^^^^^^^ string.quoted.double.routeros
#               ^ string.quoted.double.routeros punctuation.definition.string.end.routeros
:put "q\" b\\ n\n r\r t\t d\$ h\? s\_ a\a b\b f\f v\v"
#      ^^ constant.character.escape.routeros
#          ^^ constant.character.escape.routeros
#              ^^ constant.character.escape.routeros
#                  ^^ constant.character.escape.routeros
#                      ^^ constant.character.escape.routeros
#                          ^^ constant.character.escape.routeros
#                              ^^ constant.character.escape.routeros
#                                  ^^ constant.character.escape.routeros
#                                      ^^ constant.character.escape.routeros
#                                          ^^ constant.character.escape.routeros
#                                              ^^ constant.character.escape.routeros
#                                                  ^^ constant.character.escape.routeros
:put "hex \1B\20\FF and \AB"
#         ^^^ constant.character.escape.hex.routeros
#            ^^^ constant.character.escape.hex.routeros
#               ^^^ constant.character.escape.hex.routeros
#                       ^^^ constant.character.escape.hex.routeros
# "\ab" is BEL then "b" (lower case is not hex), "\0a" and "\q" are invalid
:put "\ab \0a \q \x41 \d5"
#     ^^ constant.character.escape.routeros - invalid.illegal.stray-bracket.routeros invalid.illegal.escape.routeros invalid.illegal.misplaced-comment.routeros
#       ^ string.quoted.double.routeros - constant.character.escape.routeros
#         ^^ invalid.illegal.escape.routeros
#             ^^ invalid.illegal.escape.routeros
#                ^^ invalid.illegal.escape.routeros
#                     ^^ invalid.illegal.escape.routeros
/ip firewall layer7-protocol add name=nack regexp="^\03..\?\08.\\.x\$"
#                                                   ^^^ constant.character.escape.hex.routeros
#                                                        ^^ constant.character.escape.routeros
#                                                          ^^^ constant.character.escape.hex.routeros
#                                                              ^^ constant.character.escape.routeros
#                                                                  ^^ constant.character.escape.routeros
:put "name: $name, $1 done"
#           ^ meta.interpolation.routeros variable.other.routeros punctuation.definition.variable.routeros
#            ^^^^ meta.interpolation.routeros variable.other.routeros
#                   ^ meta.interpolation.routeros variable.other.routeros
#                    ^^^^^ string.quoted.double.routeros - meta.interpolation.routeros
:put "sum $($a + 1) and length $[:len $s] end"
#         ^^ meta.interpolation.routeros
#           ^^ meta.interpolation.routeros meta.embedded.line.routeros variable.other.routeros
#              ^ meta.embedded.line.routeros keyword.operator.arithmetic.routeros
#                 ^ meta.interpolation.routeros punctuation.section.interpolation.end.routeros
#                  ^^^^^^^^^^^ string.quoted.double.routeros - meta.interpolation.routeros
#                              ^^ meta.interpolation.routeros
#                                 ^^^ meta.embedded.line.routeros support.function.builtin.routeros
#                                       ^ meta.interpolation.routeros punctuation.section.interpolation.end.routeros
#                                        ^^^^ string.quoted.double.routeros - meta.interpolation.routeros
:set s "$s$[[:parse "(\"\\$hex\")"]]"
#                   ^^ meta.embedded.line.routeros string.quoted.double.routeros
#                     ^^ meta.embedded.line.routeros string.quoted.double.routeros constant.character.escape.routeros
#                         ^^^^ meta.embedded.line.routeros string.quoted.double.routeros meta.interpolation.routeros variable.other.routeros
#                                 ^^ meta.interpolation.routeros
#                                   ^ string.quoted.double.routeros punctuation.definition.string.end.routeros
# an export wraps long lines even inside strings
add action=accept chain=input comment="defconf: accept established,related,untr\
#                                                                          ^^^^ string.quoted.double.routeros
#                                                                              ^ string.quoted.double.routeros constant.character.escape.line-continuation.routeros
    acked" connection-state=established,related,untracked
#   ^^^^^ string.quoted.double.routeros
#        ^ string.quoted.double.routeros punctuation.definition.string.end.routeros
#          ^^^^^^^^^^^^^^^^ variable.parameter.routeros - string.quoted.double.routeros
# a string may also hold real line breaks, as RouterOS accepts
:global cfg "/ip address
#       ^^^ variable.other.declaration.routeros
#            ^^^^^^^^^^^ string.quoted.double.routeros
add address=10.0.0.1/24 # not code and not a comment here
#                       ^ string.quoted.double.routeros - comment.line.number-sign.routeros invalid.illegal.stray-bracket.routeros invalid.illegal.escape.routeros invalid.illegal.misplaced-comment.routeros
#   ^^^^^^^^^^^^^^^^^^^ string.quoted.double.routeros - variable.parameter.routeros constant.numeric.ipv4.routeros
set enabled=yes"; :put $cfg
#              ^ punctuation.definition.string.end.routeros
#                  ^^^ support.function.builtin.routeros
:put "no $ interpolation for a lone dollar and no ? trouble"
#        ^ string.quoted.double.routeros - variable.other.routeros
#                                                 ^ string.quoted.double.routeros - invalid.illegal.stray-bracket.routeros invalid.illegal.escape.routeros invalid.illegal.misplaced-comment.routeros
