# SYNTAX TEST "source.routeros" "values: numbers, addresses, times, ids, booleans, variables"
:local n 42; :local h 0x1F; :local neg -5; :local rate 50k; :local big 10M
#        ^^ constant.numeric.decimal.routeros
#                     ^^^^ constant.numeric.hex.routeros
#                                      ^^ constant.numeric.decimal.routeros
#                                                      ^^^ constant.numeric.decimal.routeros
#                                                                      ^^^ constant.numeric.decimal.routeros
add chain=forward src-address=10.0.0.1 dst-address=192.168.0.0/16 src-address=!10.0.0.0/8
#                             ^^^^^^^^ constant.numeric.ipv4.routeros
#                                                  ^^^^^^^^^^^^^^ constant.numeric.ipv4.routeros
#                                                                             ^ keyword.operator.logical.routeros
#                                                                              ^^^^^^^^^^ constant.numeric.ipv4.routeros
add address=10.0.0.10-10.0.0.50 list=pool netmask=10.0.0.0/255.255.255.0
#           ^^^^^^^^^^^^^^^^^^^ constant.numeric.ipv4.routeros
#                                    ^^^^ string.unquoted.routeros
#                                                 ^^^^^^^^^^^^^^^^^^^^^^ constant.numeric.ipv4.routeros
:put fe80::1; :put 2001:db8::/32; :put ::; :put 2001:db8:0:0:0:0:0:1
#    ^^^^^^^ constant.numeric.ipv6.routeros
#                  ^^^^^^^^^^^^^ constant.numeric.ipv6.routeros
#                                      ^^ constant.numeric.ipv6.routeros
#                                               ^^^^^^^^^^^^^^^^^^^^ constant.numeric.ipv6.routeros
add mac-address=00:0C:29:AA:bb:cc
#               ^^^^^^^^^^^^^^^^^ constant.numeric.mac.routeros - constant.numeric.time.routeros
:delay 1d2h3m4s; :delay 00:01:00; :delay 200ms; :delay 1w; :delay 1.5s
#      ^^^^^^^^ constant.numeric.time.routeros
#                       ^^^^^^^^ constant.numeric.time.routeros
#                                        ^^^^^ constant.numeric.time.routeros
#                                                      ^^ constant.numeric.time.routeros
#                                                                 ^^^^ constant.numeric.time.routeros
add connection-rate=0-50k packet-size=39 dst-port=5000-6000 ports=80,443
#                   ^^^^^ constant.numeric.range.routeros
#                                     ^^ constant.numeric.decimal.routeros
#                                                 ^^^^^^^^^ constant.numeric.range.routeros
#                                                                 ^^ constant.numeric.decimal.routeros
#                                                                   ^ keyword.operator.comma.routeros
#                                                                    ^^^ constant.numeric.decimal.routeros
remove *1A; set .id=*2 disabled=no; :put ($a*2)
#      ^^^ constant.numeric.id.routeros
#               ^^^ variable.parameter.routeros
#                   ^^ constant.numeric.id.routeros
#                                           ^ keyword.operator.arithmetic.routeros - constant.numeric.id.routeros
#                                            ^ constant.numeric.decimal.routeros
:local flags {true; false; yes; no}
#             ^^^^ constant.language.boolean.routeros
#                   ^^^^^ constant.language.boolean.routeros
#                          ^^^ constant.language.boolean.routeros
#                               ^^ constant.language.boolean.routeros
add comment=yes-no-maybe action=add-src-to-address-list
#           ^^^^^^^^^^^^ string.unquoted.routeros - constant.language.boolean.routeros
#                               ^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.routeros - entity.name.function.command.routeros entity.name.function.routeros
:put $x; :put $"my-var"; :put $1
#    ^^ variable.other.routeros
#    ^ variable.other.routeros punctuation.definition.variable.routeros
#              ^^^^^^^^ variable.other.quoted.routeros
#                             ^^ variable.other.routeros
add address-list-timeout=none-dynamic version=7.22.1 file-name=flash/skype.rsc
#                        ^^^^^^^^^^^^ string.unquoted.routeros
#                                             ^^^^^^ string.unquoted.routeros
#                                                              ^^^^^^^^^^^^^^^ string.unquoted.routeros
:local arr {a=1; b="x"; c={1;2}}
#          ^ punctuation.section.block.begin.routeros
#           ^ variable.parameter.routeros
#             ^ constant.numeric.decimal.routeros
#                ^ variable.parameter.routeros
#                         ^ meta.block.routeros meta.block.routeros punctuation.section.block.begin.routeros
#                             ^^ punctuation.section.block.end.routeros
