"""`tm build`: the stages run in order over a corpus folder, each step reading what the previous wrote."""
