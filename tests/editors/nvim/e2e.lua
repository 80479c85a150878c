-- End-to-end test of the Lever Neovim plugin against the real `lever lsp`, in headless Neovim.
-- Runs on Neovim 0.7 (diagnostics pushed) and 0.10+ (diagnostics pulled).
--
--   LEVER_E2E_BIN=target/debug/lever nvim --headless --clean \
--     --cmd 'let g:loaded_python3_provider = 0' -c 'luafile tests/editors/nvim/e2e.lua' </dev/null
--
-- Environment: LEVER_E2E_BIN (required: the lever binary), LEVER_E2E_PLUGIN (default:
-- editors/nvim of this checkout), LEVER_E2E_WORKDIR (default: a fresh temp dir; must not
-- exist or be empty), LEVER_E2E_REPORT (JSON report path, optional), LEVER_E2E_ATTACH
-- (`plugin`, the default: require("lever").setup{}; `enable`: 0.11's vim.lsp.enable("lever")
-- with the plugin's lsp/lever.lua), LEVER_E2E_TIMEOUT_MS (per step, default 15000).
--
-- Steps: open a copy of fixtures/hazard.py (on 0.7..0.9 a second copy in a split too, while the
-- server starts) -> exactly one `index-loop` diagnostic; fix the loop -> none; restore the hazard ->
-- one again; code actions -> apply "Suppress `index-loop` on this line" -> the comment is above
-- the loop and the diagnostic is gone; the second buffer shares the one client and has its own
-- diagnostic; diagnostics were pushed (0.7..0.9) or pulled and never pushed (0.10+); no server
-- errors and no warnings shown to the user.
-- Exit code: 0 pass, 1 a check failed or timed out, 2 harness error.

local uv = vim.uv or vim.loop
local started = uv.hrtime()
local function now_ms()
  return math.floor((uv.hrtime() - started) / 1e6)
end

local v = vim.version()
local report = {
  nvim = string.format("%d.%d.%d", v.major, v.minor, v.patch),
  steps = {},
  notifications = {},
  server_log = {},
  publish_count = 0,
}
local report_path = os.getenv("LEVER_E2E_REPORT")
-- LEVER_E2E_LSP_LOG=debug: Neovim's LSP log (all traffic) is copied next to the report.
local lsp_log_level = os.getenv("LEVER_E2E_LSP_LOG")
if lsp_log_level and lsp_log_level ~= "" then
  vim.lsp.set_log_level(lsp_log_level)
end
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

local Failure = {} -- metatable marking a check failure (exit 1) as opposed to a harness error
local function fail(msg, ...)
  error(setmetatable({ msg = string.format(msg, ...) }, Failure), 0)
end
local function check(cond, msg, ...)
  if not cond then
    fail(msg, ...)
  end
end

local function write_report()
  if report_path and report_path ~= "" then
    vim.fn.writefile({ vim.fn.json_encode(report) }, report_path)
  end
end

local function leave(code)
  report.exit_code = code
  report.total_ms = now_ms()
  local had_clients = #get_clients() > 0
  for _, c in ipairs(get_clients()) do
    vim.lsp.stop_client(c.id)
  end
  -- After `shutdown` and `exit` the server must end by itself (LSP spec), even with its stdin
  -- still open; Neovim keeps listing a client until its process is gone.
  report.server_stopped = vim.wait(1500, function()
    return #get_clients() == 0
  end, 10)
  if had_clients and not report.server_stopped then
    io.stderr:write("FAIL: the server was still running 1.5 s after shutdown+exit (stdin still open)\n")
    if code == 0 then
      code = 1
      report.exit_code = 1
    end
  end
  pcall(write_report)
  if lsp_log_level and lsp_log_level ~= "" and report_path then
    pcall(function()
      vim.fn.writefile(vim.fn.readfile(vim.lsp.get_log_path(), "b"), report_path .. ".lsp.log", "b")
    end)
  end
  if code == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit " .. code)
  end
end

-- Everything the user would see through vim.notify (deprecations, plugin errors).
local orig_notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(report.notifications, { level = level, msg = tostring(msg) })
  return orig_notify(msg, level, opts)
end

local function run()
  local bin = os.getenv("LEVER_E2E_BIN")
  assert(bin and bin ~= "", "LEVER_E2E_BIN is not set")
  bin = vim.fn.fnamemodify(bin, ":p")
  assert(vim.fn.executable(bin) == 1, "not executable: " .. bin)
  local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
  local plugin = os.getenv("LEVER_E2E_PLUGIN")
  if not plugin or plugin == "" then
    plugin = vim.fn.fnamemodify(here .. "/../../../editors/nvim", ":p")
  end
  plugin = vim.fn.fnamemodify(plugin, ":p"):gsub("/$", "")
  assert(vim.fn.filereadable(plugin .. "/lua/lever/init.lua") == 1, "no plugin at " .. plugin)
  local fixture = here .. "/fixtures/hazard.py"
  assert(vim.fn.filereadable(fixture) == 1, "no fixture at " .. fixture)
  local timeout = tonumber(os.getenv("LEVER_E2E_TIMEOUT_MS") or "") or 15000
  local attach = os.getenv("LEVER_E2E_ATTACH") or "plugin"
  report.attach = attach
  -- What the plugin uses to start the client on this Neovim.
  report.start_api = attach == "enable" and "vim.lsp.enable"
    or (vim.lsp.start and "vim.lsp.start" or "vim.lsp.start_client+buf_attach_client")

  -- The workspace: a temp copy of the fixture in a subdirectory, with lever.toml at the top,
  -- so the plugin's root detection has something to find.
  local ws = os.getenv("LEVER_E2E_WORKDIR")
  if not ws or ws == "" then
    ws = vim.fn.tempname()
  end
  ws = vim.fn.fnamemodify(ws, ":p"):gsub("/$", "")
  vim.fn.mkdir(ws .. "/pkg", "p")
  vim.fn.writefile({ "# Lever config of the Neovim e2e workspace (defaults)." }, ws .. "/lever.toml")
  local file = ws .. "/pkg/hazard.py"
  local other_file = ws .. "/pkg/other.py" -- a second buffer of the same project
  vim.fn.writefile(vim.fn.readfile(fixture, "b"), file, "b")
  vim.fn.writefile(vim.fn.readfile(fixture, "b"), other_file, "b")
  vim.cmd("cd " .. vim.fn.fnameescape(ws .. "/pkg")) -- cwd is not the root: the marker decides
  report.workspace = ws

  -- Count pushed diagnostics and keep the server's log messages.
  local orig_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    report.publish_count = report.publish_count + 1
    return orig_publish(err, result, ctx, config)
  end
  vim.lsp.handlers["window/logMessage"] = function(_, result)
    if result then
      table.insert(report.server_log, { type = result.type, message = result.message })
    end
  end

  -- Settings flow through init_options: make index-loop an error (its default is a warning).
  local settings = { rules = { ["index-loop"] = "error" } }
  vim.opt.runtimepath:prepend(plugin)
  if attach == "plugin" then
    require("lever").setup({ cmd = { bin, "lsp", "--stdio" }, settings = settings })
  elseif attach == "enable" then
    assert(vim.lsp.config and vim.lsp.enable, "LEVER_E2E_ATTACH=enable needs Neovim 0.11+")
    vim.lsp.config("lever", { cmd = { bin, "lsp" }, init_options = settings, settings = { lever = settings } })
    vim.lsp.enable("lever") -- before :edit: it attaches on FileType
  else
    error("unknown LEVER_E2E_ATTACH: " .. attach)
  end

  -- Neovim 0.10+ advertises pull diagnostics, so the server offers them and never pushes.
  local expect_pull = vim.fn.has("nvim-0.10") == 1
  report.expected_path = expect_pull and "pull" or "push"

  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local other_buf
  if not expect_pull then
    -- A second buffer attached while the server is still starting must share its client.
    -- Not on 0.10+: there a buffer that is not current when its didOpen goes out is never
    -- pulled (neovim/neovim#40391), so step 6 opens it later, as the current buffer.
    vim.cmd("split " .. vim.fn.fnameescape(other_file)) -- a window each: nothing is unloaded
    other_buf = vim.api.nvim_get_current_buf()
    vim.cmd("wincmd p")
  end
  report.filetype = vim.bo[bufnr].filetype
  check(report.filetype == "python", "filetype is %q, not python", report.filetype)

  local function buf_clients(buf)
    buf = buf or bufnr
    if vim.lsp.get_clients then
      return vim.lsp.get_clients({ bufnr = buf })
    end
    return vim.tbl_values(vim.lsp.buf_get_clients(buf))
  end
  local attached = vim.wait(timeout, function()
    local cs = buf_clients()
    return #cs > 0 and cs[1].initialized == true
  end, 10)
  local clients = buf_clients()
  check(attached, "no initialized LSP client on the buffer after %d ms (%d attached)", timeout, #clients)
  check(#clients == 1, "%d clients attached, want 1", #clients)
  local client = clients[1]
  report.init_ms = now_ms()
  report.client = {
    name = client.name,
    root_dir = client.config.root_dir,
    offset_encoding = client.offset_encoding,
    server_info = client.server_info,
    diagnostic_provider = client.server_capabilities.diagnosticProvider ~= nil,
  }
  check(client.name == "lever", "client name %q", tostring(client.name))
  check(client.config.root_dir == ws, "root_dir %q, want %q", tostring(client.config.root_dir), ws)

  check(
    report.client.diagnostic_provider == expect_pull,
    "server diagnosticProvider=%s, want %s",
    tostring(report.client.diagnostic_provider),
    tostring(expect_pull)
  )

  local function namespace_name(ns)
    local info = vim.diagnostic.get_namespaces()[ns]
    return info and info.name or tostring(ns)
  end
  local function snapshot(buf)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf or bufnr)) do
      local code = d.code
      if code == nil and d.user_data and d.user_data.lsp then
        code = d.user_data.lsp.code
      end
      table.insert(out, {
        lnum = d.lnum,
        col = d.col,
        severity = d.severity,
        source = d.source,
        code = code,
        message = d.message,
        namespace = namespace_name(d.namespace),
        raw = d,
      })
    end
    return out
  end
  local function public(diags)
    local out = {}
    for _, d in ipairs(diags) do
      local copy = vim.deepcopy(d)
      copy.raw = nil
      table.insert(out, copy)
    end
    return out
  end

  -- Waits until the buffer has exactly `want` diagnostics; zero must then hold for 300 ms, so
  -- that "gone" is not a momentary state.
  local function expect_diagnostics(name, want, action)
    local t0 = now_ms()
    if action then
      action()
    end
    local last
    local ok = vim.wait(timeout, function()
      last = snapshot()
      return #last == want
    end, 10)
    local settled_ms = now_ms() - t0
    if ok and want == 0 then
      vim.wait(300, function()
        return false
      end, 10)
      last = snapshot()
      ok = #last == 0
    end
    table.insert(report.steps, { name = name, ms = settled_ms, passed = ok, diagnostics = public(last) })
    check(ok, "step %s: want %d diagnostics, have %d after %d ms", name, want, #last, now_ms() - t0)
    return last
  end

  local hazard_line = 4 -- 0-based: `    for i in range(len(xs)):`
  local function check_hazard(diags, step)
    local d = diags[1]
    check(d.code == "index-loop", "%s: code %q, want index-loop", step, tostring(d.code))
    check(d.source == "lever", "%s: source %q, want lever", step, tostring(d.source))
    check(d.lnum == hazard_line, "%s: on line %d, want %d", step, d.lnum, hazard_line)
    check(d.message:find("`i` is only used to index `xs`", 1, true) ~= nil, "%s: message %q", step, d.message)
    check(d.severity == vim.diagnostic.severity.ERROR, "%s: severity %s, want ERROR (from settings)", step, d.severity)
    if expect_pull and vim.lsp.diagnostic.get_namespace then
      local pull_ns = vim.lsp.diagnostic.get_namespace(client.id, true)
      check(d.raw.namespace == pull_ns, "%s: diagnostic in namespace %s, not the pull one", step, d.namespace)
    end
  end

  -- 1. Open: the hazard is reported.
  check_hazard(expect_diagnostics("open", 1), "open")

  -- 2. Fix the loop by hand: the diagnostic goes.
  local original = vim.api.nvim_buf_get_lines(bufnr, hazard_line, hazard_line + 2, false)
  expect_diagnostics("fix", 0, function()
    vim.api.nvim_buf_set_lines(bufnr, hazard_line, hazard_line + 2, false, { "    for x in xs:", "        print(x)" })
  end)

  -- 3. Put the hazard back: it is reported again.
  local diags = expect_diagnostics("restore", 1, function()
    vim.api.nvim_buf_set_lines(bufnr, hazard_line, hazard_line + 2, false, original)
  end)
  check_hazard(diags, "restore")

  -- 4. Ask for code actions on it, the way `vim.lsp.buf.code_action` does: the LSP form of the
  -- diagnostic (with its `data`) goes in the context.
  local d = diags[1].raw
  local lsp_diag = vim.deepcopy((d.user_data and d.user_data.lsp) or {})
  if not lsp_diag.range then -- 0.7 keeps only code/data/tags in user_data.lsp
    lsp_diag.range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
    }
  end
  lsp_diag.message = lsp_diag.message or d.message
  lsp_diag.source = lsp_diag.source or d.source
  lsp_diag.code = lsp_diag.code or diags[1].code
  lsp_diag.severity = lsp_diag.severity or d.severity
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local t0 = now_ms()
  local responses, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  check(responses, "codeAction request failed: %s", tostring(err))
  local actions = {}
  for _, r in pairs(responses) do
    local e = r.err or r.error
    check(not e, "codeAction error: %s", vim.inspect(e))
    for _, a in ipairs(r.result or {}) do
      table.insert(actions, a)
    end
  end
  local titles = {}
  for _, a in ipairs(actions) do
    table.insert(titles, a.title)
  end
  table.insert(report.steps, { name = "code_actions", ms = now_ms() - t0, passed = true, titles = titles })
  check(#actions == 3, "%d code actions, want 3: %s", #actions, vim.inspect(titles))
  check(titles[1] == "Iterate over `xs` (review the change)", "first action %q", titles[1])
  check(titles[2] == "Suppress `index-loop` on this line", "second action %q", titles[2])
  check(titles[3] == "Suppress `index-loop` in this file", "third action %q", titles[3])
  local suppress = actions[2]
  check(suppress.edit ~= nil, "the suppress action has no edit")

  -- 5. Apply the suppression: a comment above the loop, with its indent, and no diagnostic.
  -- The encoding argument exists from 0.7 on (0.6 took only the edit; an extra one is harmless).
  diags = expect_diagnostics("suppress", 0, function()
    vim.lsp.util.apply_workspace_edit(suppress.edit, client.offset_encoding or "utf-16")
  end)
  local lines = vim.api.nvim_buf_get_lines(bufnr, hazard_line, hazard_line + 3, false)
  report.suppressed_lines = lines
  check(lines[1] == "    # lever-ignore: index-loop -- <reason>", "line above the loop is %q", tostring(lines[1]))
  check(lines[2] == "    for i in range(len(xs)):", "loop line is %q", tostring(lines[2]))
  check(#vim.api.nvim_buf_get_lines(bufnr, 0, -1, false) == 7, "the buffer should have 7 lines")

  -- 6. The other buffer: same client, its own diagnostic.
  local t1 = now_ms()
  if not other_buf then
    vim.cmd("split " .. vim.fn.fnameescape(other_file))
    other_buf = vim.api.nvim_get_current_buf()
    vim.wait(timeout, function()
      return #buf_clients(other_buf) > 0
    end, 10)
  end
  local other_clients = buf_clients(other_buf)
  check(#get_clients() == 1, "%d clients running, want 1 shared by both buffers", #get_clients())
  check(#other_clients == 1 and other_clients[1].id == client.id, "the second buffer is not on the same client")
  local other_diags
  local other_ok = vim.wait(timeout, function()
    other_diags = snapshot(other_buf)
    return #other_diags == 1
  end, 10)
  table.insert(report.steps, { name = "other_buffer", ms = now_ms() - t1, passed = other_ok, diagnostics = public(other_diags) })
  check(other_ok, "second buffer: want 1 diagnostic, have %d", #other_diags)
  check(other_diags[1].code == "index-loop", "second buffer: code %q", tostring(other_diags[1].code))

  -- 7. Prove the diagnostics path: pushed on 0.7..0.9, pulled (never pushed) on 0.10+.
  if expect_pull then
    check(report.publish_count == 0, "pull client got %d publishDiagnostics", report.publish_count)
  else
    check(report.publish_count > 0, "push client got no publishDiagnostics")
  end

  -- 8. Nothing went wrong on the side: no server errors, no warnings shown to the user.
  for _, m in ipairs(report.server_log) do
    check(m.type ~= 1, "server logged an error: %s", m.message)
  end
  for _, n in ipairs(report.notifications) do
    check((n.level or 0) < vim.log.levels.WARN, "notification: %s", n.msg)
  end
end

local ok, err = pcall(run)
if ok then
  report.result = "pass"
  leave(0)
elseif getmetatable(err) == Failure then
  report.result = "fail"
  report.error = err.msg
  io.stderr:write("FAIL: " .. err.msg .. "\n")
  leave(1)
else
  report.result = "harness-error"
  report.error = tostring(err)
  io.stderr:write("harness error: " .. tostring(err) .. "\n")
  leave(2)
end
