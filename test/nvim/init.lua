-- Headless Neovim (0.7.2 or newer) as an LSP client of `rsc lsp --stdio`, driven by test/nvim/nvim.test.ts.
-- It opens one fixture, waits for diagnostics, applies the first quick fix that carries an edit, waits for
-- the diagnostics of the edited buffer, writes everything it saw to a JSON file and quits.
-- Uses vim.lsp.start_client + vim.lsp.buf_attach_client because 0.7.2 has no vim.lsp.start.
-- Inputs (environment): RSC_NVIM_CMD (JSON array: the server command), RSC_NVIM_FIXTURE (file to open),
-- RSC_NVIM_OUT (JSON result file), RSC_NVIM_WAIT_MS (bound for every wait), RSC_NVIM_FIX_CODE (diagnostic
-- code whose quick fix to apply; empty = skip that step).

local out_path = (assert(os.getenv('RSC_NVIM_OUT'), 'RSC_NVIM_OUT not set'))
local result = { steps = {}, errors = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function fail(msg)
  table.insert(result.errors, msg)
  finish()
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode((assert(os.getenv('RSC_NVIM_CMD'), 'RSC_NVIM_CMD not set')))
  local fixture = (assert(os.getenv('RSC_NVIM_FIXTURE'), 'RSC_NVIM_FIXTURE not set'))
  local wait_ms = tonumber(os.getenv('RSC_NVIM_WAIT_MS') or '20000')
  local fix_code = os.getenv('RSC_NVIM_FIX_CODE') or ''
  result.nvim_version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch

  -- Any .rsc file is RouterOS script; Neovim has no such filetype of its own.
  vim.cmd('autocmd BufRead,BufNewFile *.rsc setfiletype routeros')
  vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local client_id = vim.lsp.start_client({
    name = 'routeros',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(fixture, ':p:h'),
    on_init = function(_, init_result)
      result.server_name = init_result.serverInfo and init_result.serverInfo.name or nil
    end,
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then
    return fail('vim.lsp.start_client failed for ' .. vim.inspect(cmd))
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('started')

  local client
  if not vim.wait(wait_ms, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20) then
    return fail('server did not initialize within ' .. wait_ms .. ' ms')
  end
  result.capabilities = {
    codeActionProvider = client.server_capabilities.codeActionProvider ~= nil,
    completionProvider = client.server_capabilities.completionProvider ~= nil,
    hoverProvider = client.server_capabilities.hoverProvider ~= nil,
  }
  step('initialized')

  local function diagnostics()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(out, {
        lnum = d.lnum,
        col = d.col,
        end_col = d.end_col,
        severity = d.severity,
        message = d.message,
        source = d.source,
        code = lsp.code or d.code,
      })
    end
    return out
  end

  if not vim.wait(wait_ms, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20) then
    return fail('no diagnostics within ' .. wait_ms .. ' ms')
  end
  result.diagnostics = diagnostics()
  step('diagnostics')

  if fix_code ~= '' then
    local target
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp
      if lsp and lsp.code == fix_code and not target then
        -- Neovim keeps byte columns; the server counts UTF-16 code units (the offset encoding it chose).
        local function pos(row, col)
          return { line = row, character = vim.lsp.util.character_offset(bufnr, row, col, client.offset_encoding) }
        end
        target = {
          range = { start = pos(d.lnum, d.col), ['end'] = pos(d.end_lnum or d.lnum, d.end_col or d.col) },
          severity = d.severity,
          message = d.message,
          source = d.source,
          code = lsp.code,
        }
      end
    end
    if not target then
      return fail('no ' .. fix_code .. ' diagnostic to fix')
    end
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(bufnr),
      range = target.range,
      context = { diagnostics = { target }, only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, wait_ms)
    local action
    for _, resp in pairs(responses or {}) do
      if resp.error then
        table.insert(result.errors, 'codeAction error: ' .. vim.inspect(resp.error))
      end
      for _, a in ipairs(resp.result or {}) do
        if a.edit and not action then
          action = a
        end
      end
    end
    if not action then
      return fail('no quick fix with an edit for ' .. fix_code .. ': ' .. vim.inspect(responses))
    end
    result.action_title = action.title
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    result.text_after_fix = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    step('fixed')
    -- The edit goes to the server as didChange; wait until the diagnostics no longer show the fixed code
    -- (bounded: if it never goes away, the test reports the diagnostics that stayed).
    vim.wait(wait_ms, function()
      if vim.api.nvim_buf_get_changedtick(bufnr) == tick then
        return false
      end
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        local lsp = d.user_data and d.user_data.lsp
        if lsp and lsp.code == fix_code then
          return false
        end
      end
      return true
    end, 20)
    result.diagnostics_after_fix = diagnostics()
    step('rechecked')
  end

  -- Polite end: shutdown + exit, then wait (bounded) for the server to go.
  vim.lsp.stop_client(client_id)
  vim.wait(wait_ms, function()
    return result.server_exit ~= nil
  end, 20)
  step('stopped')
  finish()
end)

if not ok then
  fail('init.lua error: ' .. tostring(err))
end
