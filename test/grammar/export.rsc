# SYNTAX TEST "source.routeros" "the layout of /export output"
# 2025-01-15 10:00:00 by RouterOS 7.22.1
# ^^^^^^^^^^ comment.line.number-sign.routeros
# software id = ABCD-1234
# ^^^^^^^^^^^ comment.line.number-sign.routeros
#
# model = RB5009UG+S+
# ^^^^^ comment.line.number-sign.routeros
/interface bridge
#^^^^^^^^^ entity.name.namespace.menu.routeros
#          ^^^^^^ entity.name.namespace.menu.routeros
add admin-mac=48:A9:8A:00:00:01 auto-mac=no comment=defconf name=bridge
# <--- entity.name.function.command.routeros
#   ^^^^^^^^^ variable.parameter.routeros
#             ^^^^^^^^^^^^^^^^^ constant.numeric.mac.routeros
#                                        ^^ constant.language.boolean.routeros
#                                                   ^^^^^^^ string.unquoted.routeros
/ip firewall layer7-protocol
#            ^^^^^^^^^^^^^^^ entity.name.namespace.menu.routeros
add name=skype-nack regexp="^.\?.\?.\?\C0\A8.+\$"
#        ^^^^^^^^^^ string.unquoted.routeros
#                             ^^ constant.character.escape.routeros
#                                     ^^^ constant.character.escape.hex.routeros
#                                             ^^ constant.character.escape.routeros
/ip firewall filter
#            ^^^^^^ entity.name.namespace.menu.routeros
add action=accept chain=input comment=\
#          ^^^^^^ string.unquoted.routeros
#                                     ^ punctuation.separator.continuation.line.routeros
    "defconf: accept established,related,untracked" connection-state=\
#   ^ string.quoted.double.routeros punctuation.definition.string.begin.routeros
#                                                                    ^ punctuation.separator.continuation.line.routeros
    established,related,untracked
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.statement.routeros - entity.name.namespace.menu.routeros entity.name.function.command.routeros entity.name.function.routeros
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
#          ^^^^ string.unquoted.routeros
    in-interface-list=!LAN
#   ^^^^^^^^^^^^^^^^^ variable.parameter.routeros - entity.name.namespace.menu.routeros
#                     ^ keyword.operator.logical.routeros
#                      ^^^ string.unquoted.routeros
/ip firewall mangle
#            ^^^^^^ entity.name.namespace.menu.routeros
add action=mark-connection chain=forward connection-rate=0-50k dst-address-list=\
#          ^^^^^^^^^^^^^^^ string.unquoted.routeros
#                                                        ^^^^^ constant.numeric.range.routeros
    skype-peers new-connection-mark=skype-conn passthrough=yes protocol=udp
#   ^^^^^^^^^^^ meta.statement.routeros - entity.name.namespace.menu.routeros
#               ^^^^^^^^^^^^^^^^^^^ variable.parameter.routeros
#                                                          ^^^ constant.language.boolean.routeros
/queue tree
#^^^^^ entity.name.namespace.menu.routeros
#      ^^^^ entity.name.namespace.menu.routeros
add max-limit=10M name=skype packet-mark=skype-pkt parent=global priority=1
#             ^^^ constant.numeric.decimal.routeros
#                                                         ^^^^^^ string.unquoted.routeros - storage.type.variable.routeros
#                                                                         ^ constant.numeric.decimal.routeros
/system scheduler
#       ^^^^^^^^^ entity.name.namespace.menu.routeros
add interval=5m name=check on-event="/system script run check" policy=read,write start-time=startup
#            ^^ constant.numeric.time.routeros
#                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.routeros
/system identity
#       ^^^^^^^^ entity.name.namespace.menu.routeros
set name=edge-router
# <--- entity.name.function.command.routeros - keyword.other.assignment.routeros
