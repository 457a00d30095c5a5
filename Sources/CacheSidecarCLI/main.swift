// Placeholder: the CLI is written on main (serve, embed).
