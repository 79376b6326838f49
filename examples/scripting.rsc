# A small scripting example: a function with named arguments, a loop over `find`, error handling.

:global countRules do={
    :local total 0
    :foreach id in=[/ip firewall mangle find where chain=$chain] do={
        :if ([/ip firewall mangle get $id disabled] = false) do={
            :set total ($total + 1)
        }
    }
    :return $total
}

:local n [$countRules chain="forward"]
:put "active forward mangle rules: $n"

:do {
    /ip firewall address-list add list=voip-peers address=198.51.100.7 timeout=1h
} on-error={
    :log warning "could not add the VoIP peer"
}
