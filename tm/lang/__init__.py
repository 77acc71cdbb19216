"""Language data and language-aware helpers shared by the stages (codes, tokens, stems)."""
