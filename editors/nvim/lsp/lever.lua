-- Lever's server config for Neovim 0.11+ `vim.lsp.config` / `vim.lsp.enable("lever")`.
-- Neovim reads `lsp/<name>.lua` from the runtimepath; override any key with
-- `vim.lsp.config("lever", { ... })`. Older Neovim ignores this file: use require("lever").setup{}.
return {
  cmd = { "lever", "lsp" },
  filetypes = { "python", "rust", "typescript", "typescriptreact", "javascript", "javascriptreact" },
  root_markers = { "lever.toml", ".git" },
}
