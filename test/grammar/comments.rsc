# SYNTAX TEST "source.routeros" "comments: only where a command may start"
# a comment at the start of a line
# <- comment.line.number-sign.routeros punctuation.definition.comment.routeros
#  ^^^^^^^^^ comment.line.number-sign.routeros
    # an indented comment
#   ^ comment.line.number-sign.routeros punctuation.definition.comment.routeros
#     ^^^^^^^^ comment.line.number-sign.routeros
:put "a"; # after a semicolon a command may start, so this is a comment
#         ^ comment.line.number-sign.routeros punctuation.definition.comment.routeros
#           ^^^^^ comment.line.number-sign.routeros
:if (true) do={ # after an opening brace too
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.routeros
}
/ip firewall filter add chain=forward # after arguments: not a comment, an error
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ invalid.illegal.misplaced-comment.routeros - comment.line.number-sign.routeros
:local x 5 # also an error
#          ^^^^^^^^^^^^^^^ invalid.illegal.misplaced-comment.routeros - comment.line.number-sign.routeros
add chain=forward action=accept \
    # after a continuation the command goes on, so this is not a comment either
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ invalid.illegal.misplaced-comment.routeros - comment.line.number-sign.routeros
# a comment cannot be continued \
:put "this line is code again"
# <- punctuation.definition.keyword.routeros - comment.line.number-sign.routeros
#^^^ support.function.builtin.routeros
# a quote in a comment "does not open a string
:put 1
# <- - string.quoted.double.routeros comment.line.number-sign.routeros
#    ^ constant.numeric.decimal.routeros
:put [ # a comment inside a substitution, where a command may start
#      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.routeros
 :len "abc" ]
#^ punctuation.definition.keyword.routeros
#^^^^ meta.substitution.routeros
#           ^ punctuation.section.brackets.end.routeros
