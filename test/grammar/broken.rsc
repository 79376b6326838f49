# SYNTAX TEST "source.routeros" "broken input stays local"
}
# <- invalid.illegal.stray-bracket.routeros
:put "next line is fine"
#^^^ support.function.builtin.routeros - invalid.illegal.stray-bracket.routeros invalid.illegal.escape.routeros invalid.illegal.misplaced-comment.routeros
#    ^^^^^^^^^^^^^^^^^^^ string.quoted.double.routeros
) ]
# <- invalid.illegal.stray-bracket.routeros
# ^ invalid.illegal.stray-bracket.routeros
:put 1)
#     ^ invalid.illegal.stray-bracket.routeros
# a missing ")" ends at the next ";"
:put (1 + ; :put 2
#    ^ meta.expression.routeros
#         ^ punctuation.terminator.statement.routeros - meta.expression.routeros
#            ^^^ support.function.builtin.routeros - meta.expression.routeros
# a missing "]" ends at the "}" of the enclosing block
:if (true) do={ :put [:len "x" }
#                    ^ meta.substitution.routeros
#                              ^ meta.block.routeros punctuation.section.block.end.routeros - meta.substitution.routeros
:put 3
#^^^ support.function.builtin.routeros - meta.block.routeros meta.substitution.routeros
#    ^ constant.numeric.decimal.routeros
# a missing "]" inside parentheses stops at the ";" too
:put ([:len "x") ; :put 4
#                ^ punctuation.terminator.statement.routeros - meta.substitution.routeros meta.expression.routeros
#                       ^ constant.numeric.decimal.routeros - meta.substitution.routeros
add chain=forward action=accept \
#                               ^ punctuation.separator.continuation.line.routeros

:put 5
#^^^ support.function.builtin.routeros
#    ^ constant.numeric.decimal.routeros
:put "a\\"; :put 6
#      ^^ constant.character.escape.routeros
#        ^ punctuation.definition.string.end.routeros
#                ^ constant.numeric.decimal.routeros - string.quoted.double.routeros
