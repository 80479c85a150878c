-- Lever for Neovim: starts `lever lsp` for the buffers Lever lints and attaches it.
--
--   require("lever").setup {
--     cmd = { "lever", "lsp" },                      -- how to run the server
--     filetypes = { "python", "rust", ... },         -- which buffers get it
--     settings = { rules = { ["index-loop"] = "error" } },  -- sent as init_options
--   }
--
-- Works on Neovim 0.7 and later: `vim.lsp.start` (0.8+) where it exists, otherwise
-- `vim.lsp.start_client` + `vim.lsp.buf_attach_client` with one client per root directory.

local M = {}

local uv = vim.uv or vim.loop

M.defaults = {
  cmd = { "lever", "lsp" },
  filetypes = { "python", "rust", "typescript", "typescriptreact", "javascript", "javascriptreact" },
  -- Lever's settings (`enable`, `rules`, `packs`): sent as `initializationOptions` and as the
  -- `lever` section of `workspace/configuration`.
  settings = {},
  -- The root is the nearest directory holding one of these, else the current directory.
  root_markers = { "lever.toml", ".git" },
  -- Passed through to the client unchanged when set.
  capabilities = nil,
  on_attach = nil,
}

M.config = nil

-- 0.7 fallback: client id per root directory, so buffers of one project share a server.
local legacy_clients = {}

--- The nearest ancestor of `path` (a directory) holding a root marker, or nil.
local function find_marker_dir(path, markers)
  local dir = path
  while dir and dir ~= "" do
    for _, marker in ipairs(markers) do
      -- `.git` may be a directory or (in a worktree) a file: any entry counts.
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

--- The root directory for a buffer: nearest directory with a root marker, else the cwd.
function M.root_dir(bufnr, markers)
  markers = markers or (M.config or M.defaults).root_markers
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  if name ~= "" and not name:match("^%a[%w+.-]*://") then
    local found = find_marker_dir(vim.fn.fnamemodify(name, ":p:h"), markers)
    if found then
      return found
    end
  end
  return uv.cwd()
end

-- An empty Lua table would go out as a JSON array; the server wants an object.
local function as_object(t)
  if type(t) ~= "table" or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

local function client_config(cfg, root)
  return {
    name = "lever",
    cmd = cfg.cmd,
    root_dir = root,
    init_options = as_object(cfg.settings),
    settings = { lever = as_object(cfg.settings) },
    capabilities = cfg.capabilities,
    on_attach = cfg.on_attach,
  }
end

local warned_missing = false

--- Starts (or reuses) the Lever client for `bufnr` and attaches it. Returns the client id.
function M.start(bufnr)
  local cfg = M.config or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return nil -- help, terminal, quickfix, prompt buffers and the like
  end
  if vim.fn.executable(cfg.cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      vim.notify(
        "lever: `" .. cfg.cmd[1] .. "` is not executable; set `cmd` in require('lever').setup{}",
        vim.log.levels.ERROR
      )
    end
    return nil
  end
  local root = M.root_dir(bufnr, cfg.root_markers)
  local config = client_config(cfg, root)

  if vim.lsp.start then
    -- 0.8+: reuses a running client with the same name and root directory.
    return vim.lsp.start(config, { bufnr = bufnr })
  end

  -- get_client_by_id also finds a client still initializing (client_is_stopped would call it
  -- stopped, and a second server would start for the same root).
  local id = legacy_clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    legacy_clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Configures Lever and starts it for every buffer of a matching filetype, open now or later.
function M.setup(opts)
  local cfg = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  -- Lists are replaced, not merged by index.
  for _, key in ipairs({ "cmd", "filetypes", "root_markers" }) do
    if opts and opts[key] then
      cfg[key] = opts[key]
    end
  end
  if type(cfg.cmd) == "string" then
    cfg.cmd = { cfg.cmd }
  end
  M.config = cfg

  local group = vim.api.nvim_create_augroup("lever_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = cfg.filetypes,
    desc = "Start the Lever language server",
    callback = function(args)
      M.start(args.buf)
    end,
  })

  -- Buffers loaded before setup ran (lazy-loading plugin managers).
  local wanted = {}
  for _, ft in ipairs(cfg.filetypes) do
    wanted[ft] = true
  end
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and wanted[vim.bo[buf].filetype] then
      M.start(buf)
    end
  end
end

return M
