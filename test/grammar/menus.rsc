# SYNTAX TEST "source.routeros" "menu paths and menu commands"
/ip firewall mangle
# <- punctuation.separator.path.routeros
#^^ entity.name.namespace.menu.routeros
#   ^^^^^^^^ entity.name.namespace.menu.routeros
#            ^^^^^^ entity.name.namespace.menu.routeros
add chain=forward
# <--- entity.name.function.command.routeros
#   ^^^^^ variable.parameter.routeros - entity.name.namespace.menu.routeros
/ip/firewall/mangle/add chain=forward
# <- punctuation.separator.path.routeros
#^^ entity.name.namespace.menu.routeros
#  ^ punctuation.separator.path.routeros
#   ^^^^^^^^ entity.name.namespace.menu.routeros
#           ^ punctuation.separator.path.routeros
#            ^^^^^^ entity.name.namespace.menu.routeros
#                  ^ punctuation.separator.path.routeros
#                   ^^^ entity.name.function.command.routeros
#                       ^^^^^ variable.parameter.routeros
/ip firewall mangle add chain=forward action=accept
#                   ^^^ entity.name.function.command.routeros
/ip
firewall address-list
# <-------- entity.name.namespace.menu.routeros
#        ^^^^^^^^^^^^ entity.name.namespace.menu.routeros
..
# <-- entity.name.namespace.parent.routeros
.. route print
# <-- entity.name.namespace.parent.routeros
#  ^^^^^ entity.name.namespace.menu.routeros
#        ^^^^^ entity.name.function.command.routeros
/interface 6to4 print
#          ^^^^ entity.name.namespace.menu.routeros
#               ^^^^^ entity.name.function.command.routeros
/system script run myscript
#              ^^^ entity.name.function.command.routeros
#                  ^^^^^^^^ - entity.name.namespace.menu.routeros entity.name.function.command.routeros entity.name.function.routeros
/ip address print detail where interface=ether1
#           ^^^^^ entity.name.function.command.routeros
#                 ^^^^^^ - entity.name.namespace.menu.routeros
#                        ^^^^^ keyword.control.routeros
#                              ^^^^^^^^^ variable.parameter.routeros
/interface ethernet set [ find default-name=ether1 ] name=wan
#                   ^^^ entity.name.function.command.routeros
#                       ^ punctuation.section.brackets.begin.routeros
#                         ^^^^ meta.substitution.routeros entity.name.function.command.routeros
#                              ^^^^^^^^^^^^ variable.parameter.routeros
#                                                  ^ punctuation.section.brackets.end.routeros
remove [find where comment~"skype"]
# <------ entity.name.function.command.routeros
#       ^^^^ entity.name.function.command.routeros
#            ^^^^^ keyword.control.routeros
#                  ^^^^^^^ - variable.parameter.routeros
#                         ^ keyword.operator.regex.routeros
#                          ^^^^^^^ string.quoted.double.routeros
:foreach i in=[/ip firewall mangle find where new-connection-mark=skype] do={ :put $i }
#              ^ meta.substitution.routeros punctuation.separator.path.routeros
#               ^^ entity.name.namespace.menu.routeros
#                                  ^^^^ entity.name.function.command.routeros
/export compact file=backup
# <- punctuation.separator.path.routeros
#^^^^^^ entity.name.function.command.routeros
#       ^^^^^^^ - entity.name.namespace.menu.routeros
/import file-name=skype.rsc verbose=yes
#^^^^^^ entity.name.function.command.routeros
#                 ^^^^^^^^^ string.unquoted.routeros
#                                   ^^^ constant.language.boolean.routeros
/ip firewall layer7-protocol add name=skype regexp="^.+\$"
#            ^^^^^^^^^^^^^^^ entity.name.namespace.menu.routeros
/queue tree add name=skype parent=global packet-mark=skype-pk priority=1
#      ^^^^ entity.name.namespace.menu.routeros
#           ^^^ entity.name.function.command.routeros
/system scheduler add name=check interval=1h on-event="/system script run check"
#                                         ^^ constant.numeric.time.routeros
#                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.routeros - entity.name.namespace.menu.routeros
/tool fetch url="https://example.com/x" mode=https
#     ^^^^^ entity.name.function.command.routeros
/ping 8.8.8.8 count=3
#^^^^ entity.name.function.command.routeros
#     ^^^^^^^ constant.numeric.ipv4.routeros
/system identity set name=router; /system clock print
#                ^^^ entity.name.function.command.routeros
#                               ^ punctuation.terminator.statement.routeros
#                                 ^ punctuation.separator.path.routeros
#                                  ^^^^^^ entity.name.namespace.menu.routeros
#                                                ^^^^^ entity.name.function.command.routeros
/ip address
add address=192.168.88.1/24 interface=bridge comment="defconf"
# <--- entity.name.function.command.routeros
set [ find address=192.168.88.1/24 ] disabled=yes
# <--- entity.name.function.command.routeros
/log info "menu command form of :log"; /log warning "w"
#^^^ entity.name.namespace.menu.routeros
#    ^^^^ entity.name.function.command.routeros
#                                           ^^^^^^^ entity.name.function.command.routeros
