# SYNTAX TEST "source.routeros" "operators, brackets, blocks, expressions"
:put ("a" . "b"); :put (1 + 2 - 3 * 4 / 5 % 6)
#         ^ keyword.operator.concatenation.routeros
#                         ^ keyword.operator.arithmetic.routeros
#                             ^ keyword.operator.arithmetic.routeros
#                                 ^ keyword.operator.arithmetic.routeros
#                                     ^ keyword.operator.arithmetic.routeros
#                                         ^ keyword.operator.arithmetic.routeros
:put (1 < 2 && 2 > 1 || 1 <= 2 && 3 >= 2 && 1 != 2 && 1 = 1)
#       ^ keyword.operator.comparison.routeros
#           ^^ keyword.operator.logical.routeros
#                ^ keyword.operator.comparison.routeros
#                    ^^ keyword.operator.logical.routeros
#                         ^^ keyword.operator.comparison.routeros
#                                   ^^ keyword.operator.comparison.routeros
#                                             ^^ keyword.operator.comparison.routeros
#                                                       ^ keyword.operator.comparison.routeros
:put (!true); :put (5 ^ 3); :put (5 & 3); :put (5 | 3); :put (~5); :put (1 << 4); :put (16 >> 2)
#     ^ keyword.operator.logical.routeros
#                     ^ keyword.operator.bitwise.routeros
#                                   ^ keyword.operator.bitwise.routeros
#                                                 ^ keyword.operator.bitwise.routeros
#                                                             ^ keyword.operator.regex.routeros
#                                                                          ^^ keyword.operator.bitwise.shift.routeros
#                                                                                          ^^ keyword.operator.bitwise.shift.routeros
:put ($arr->"key"); :put ({1;2},{3}); :put ("abc" ~ "^a")
#         ^^ keyword.operator.accessor.routeros
#                              ^ keyword.operator.comma.routeros
#                                                 ^ keyword.operator.regex.routeros
:put (10.0.0.1 in 10.0.0.0/8 and true or not false)
#              ^^ keyword.operator.word.routeros
#                            ^^^ keyword.operator.logical.routeros
#                                     ^^ keyword.operator.logical.routeros
#                                        ^^^ keyword.operator.logical.routeros
print where chain=forward and !disabled
#     ^^^^^ keyword.control.routeros
#                         ^^^ keyword.operator.logical.routeros
#                             ^ keyword.operator.logical.routeros
:if ([:len $x] > 0) do={ :put [ :pick $x 0 1 ] }
#   ^ meta.expression.routeros punctuation.section.parens.begin.routeros
#    ^ meta.expression.routeros meta.substitution.routeros punctuation.section.brackets.begin.routeros
#            ^ meta.substitution.routeros punctuation.section.brackets.end.routeros
#                 ^ punctuation.section.parens.end.routeros
#                      ^ meta.block.routeros punctuation.section.block.begin.routeros
#                             ^ meta.block.routeros meta.substitution.routeros
#                                              ^ meta.block.routeros punctuation.section.block.end.routeros
:local a 1; :local b 2;
#         ^ punctuation.terminator.statement.routeros
#                     ^ punctuation.terminator.statement.routeros
{
  :local inner "scoped"
#  ^^^^^ meta.block.routeros storage.type.variable.routeros
#        ^^^^^ meta.block.routeros variable.other.declaration.routeros
  /ip address print
#  ^^ meta.block.routeros entity.name.namespace.menu.routeros
#             ^^^^^ meta.block.routeros entity.name.function.command.routeros
}
# <- punctuation.section.block.end.routeros
:put "after the block"
#^^^ support.function.builtin.routeros - meta.block.routeros
:local total ($a + \
#                  ^ punctuation.separator.continuation.line.routeros
    $b)
#   ^^ meta.expression.routeros variable.other.routeros
#     ^ punctuation.section.parens.end.routeros
