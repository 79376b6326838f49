# The Skype NAck QoS rules exactly as the forum thread posted them (see README).
# They show the mistakes this tool exists to catch: run `rsc lint examples/skype-nack-thread.rsc`.
# Compare with skype-nack-qos.rsc, made by `rsc gen skype-nack`.

/ip firewall layer7-protocol
add name=skypenack regexp="[\\\\|\\xd5]"

/ip firewall mangle
add action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward disabled=no \
    layer7-protocol=skypenack packet-size=39 protocol=udp
add action=mark-connection chain=forward connection-rate=0-50k disabled=no new-connection-mark=conn_skype \
    passthrough=yes protocol=udp src-address-list=skype
add action=mark-connection chain=forward connection-rate=0-50k disabled=no dst-address-list=skype \
    new-connection-mark=conn_skype passthrough=yes protocol=udp
add action=mark-packet chain=forward connection-mark=conn_skype disabled=no new-packet-mark=skype \
    passthrough=no
