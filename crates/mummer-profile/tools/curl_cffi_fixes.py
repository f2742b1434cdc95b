"""Installs the profiles `mummer fingerprint capture --command` wrote from curl_cffi into
profiles/: aliases (deprecated spellings, family names), a header comment saying where the values
come from, and the places where mummer follows the real browser rather than curl_cffi, each with
its reason (docs/decisions/0007-curl-cffi-targets.md). Run by curl_cffi_profiles.sh:

    curl_cffi_fixes.py CAPTURED_DIR PROFILES_DIR TARGETS_JSON

TARGETS_JSON maps each curl_cffi target to [browser, version, os, os_version], from
curl_cffi.fingerprints.NATIVE_IMPERSONATE_TARGETS. Needs Python 3.11 (tomllib).
"""
import glob, json, os, re, sys, tomllib

GEN, DST = sys.argv[1], sys.argv[2]
TARGETS = json.load(open(sys.argv[3]))
DEPRECATED = {'safari153': 'safari15_3', 'safari155': 'safari15_5', 'safari170': 'safari17_0',
              'safari172_ios': 'safari17_2_ios', 'safari180': 'safari18_0', 'safari180_ios': 'safari18_0_ios'}
EXTRA = {
    'safari_18_4': ['safari18_4'], 'safari_ios_18_4': ['safari18_4_ios'], 'safari_26_0': ['safari26_0'],
    'safari_26_0_1': ['safari26_0_1'], 'safari_ios_26_0': ['safari26_0_ios'],
    'safari_27_0': ['safari27_0', 'safari', 'safari_beta'],
    'safari_ios_27_0': ['safari27_0_ios', 'safari_ios', 'safari_ios_beta'],
    'firefox_155': ['firefox_release'], 'tor_14_5': ['tor'],
}
SKIP = {'firefox_153'}  # firefox153 is the captured firefox_esr_153
CHROME = tomllib.load(open(f'{DST}/chrome_156.toml', 'rb'))
FIREFOX = tomllib.load(open(f'{DST}/firefox_esr_153.toml', 'rb'))
CAP = 'the Chromium 156 capture, chrome_156'
FCAP = 'the Firefox ESR 153 capture, firefox_esr_153'


def quote(s):
    return "'" + s + "'" if '"' in s and "'" not in s else json.dumps(s)


def toml_list(key, items):
    q = [quote(i) for i in items]
    one = f'{key} = [{", ".join(q)}]'
    if len(one) <= 100:
        return one + '\n'
    out, line = [f'{key} = ['], ' '
    for x in q:
        if len(line) + 1 + len(x) + 1 > 100 and len(line) > 1:
            out.append(line.rstrip()); line = ' '
        line += ' ' + x + ','
    out.append(line.rstrip())
    out.append(']')
    return '\n'.join(out) + '\n'


def wrap(text, prefix='# ', width=100):
    words, lines, cur = text.split(), [], ''
    for w in words:
        if cur and len(prefix) + len(cur) + 1 + len(w) > width:
            lines.append(prefix + cur); cur = w
        else:
            cur = f'{cur} {w}' if cur else w
    if cur:
        lines.append(prefix + cur)
    return '\n'.join(lines) + '\n'


def bullet(text):
    w = wrap(text, prefix='#   ')
    return '# - ' + w[4:]


def replace_list(s, table, key, items, note=None):
    """Replaces `key = [...]` inside [table] (or the top level when table is None), and any
    comment lines right above it, with the new list and `note`."""
    start = 0 if table is None else s.index(f'\n[{table}]\n')
    end = len(s)
    if table is not None:
        nxt = s.find('\n[', start + 2)
        end = nxt if nxt != -1 else len(s)
    seg = s[start:end]
    m = re.search(rf'((?:^#.*\n)*)^{key} = \[[^\]]*\]\n', seg, re.M)
    assert m, (table, key)
    new = (wrap(note) if note else '') + toml_list(key, items)
    if not note:
        new = m.group(1) + new
    seg = seg[:m.start()] + new + seg[m.end():]
    return s[:start] + seg + s[end:]


def set_scalar(s, table, key, value, note=None, after=None):
    """Sets `key = value` in [table]; inserts it after `after` when absent."""
    start = s.index(f'\n[{table}]\n')
    nxt = s.find('\n[', start + 2)
    end = nxt if nxt != -1 else len(s)
    seg = s[start:end]
    line = (wrap(note) if note else '') + f'{key} = {value}\n'
    m = re.search(rf'((?:^#.*\n)*)^{key} = (?:"""[^"]*"""|.*)\n', seg, re.M)
    if m:
        seg = seg[:m.start()] + line + seg[m.end():]
    else:
        a = re.search(rf'^{after} = .*\n', seg, re.M)
        assert a, (table, after)
        seg = seg[:a.end()] + line + seg[a.end():]
    return s[:start] + seg + s[end:]


def add_header(s, name, value, before=None):
    block = re.search(r'^headers = \[\n(.*?)^\]\n', s, re.M | re.S)
    entry = f'  [{quote(name)}, {quote(value)}],\n'
    body = block.group(1)
    if before and f'["{before}",' in body:
        i = body.index(f'  ["{before}",')
        body = body[:i] + entry + body[i:]
    else:
        body = entry + body
    return s[:block.start(1)] + body + s[block.end(1):]


def drop_header(s, name):
    return re.sub(rf'^  \["{name}", .*\],\n', '', s, flags=re.M)


def insert_after(order, name, after):
    out = list(order)
    i = [x.lower() for x in out].index(after.lower())
    out.insert(i + 1, name)
    return out


def version_tuple(v):
    return tuple(int(x) for x in re.findall(r'\d+', v))


for f in sorted(glob.glob(f'{GEN}/*.toml')):
    name = os.path.basename(f)[:-5]
    if name in SKIP:
        continue
    s = open(f).read()
    p = tomllib.loads(s)
    target = p['aliases'][0]
    browser, version, osname, osver = TARGETS[target]
    fam = p['browser']
    aliases = [target] + ([DEPRECATED[target]] if target in DEPRECATED else []) + EXTRA.get(name, [])
    major = version_tuple(version)[0]
    fixes = []      # (what, why): follows the browser, not curl_cffi
    gaps = []       # not reproduced by the engine
    notes = []      # other remarks

    defaults = {n for n, _ in p['headers']}
    if fam in ('chrome', 'edge'):
        h1 = p['http1']['header_order']
        lowercase_h1 = h1[-1] == 'Host' or 'User-Agent' not in h1
        if lowercase_h1:
            # curl_cffi 151+ writes HTTP/1.1 names in lowercase with Host last.
            order = list(CHROME['http1']['header_order'])
            order = [n for n in order if n.lower() in defaults | {'host', 'connection', 'content-length', 'cache-control', 'content-type', 'origin', 'referer', 'cookie'}]
            s = replace_list(s, 'http1', 'header_order', order,
                             f'Follows the browser, not curl_cffi: Chrome\'s HTTP/1.1 order and letter case (Host first, Title-Case standard names, lowercase client hints), as in {CAP}; curl_cffi {target} sends every name in lowercase with Host last.')
            fixes.append(f'HTTP/1.1 header order and case: Host first, Title-Case standard names, as in {CAP} (curl_cffi: all lowercase, Host last)')
        else:
            order = insert_after(h1, 'Connection', 'Host')
            s = replace_list(s, 'http1', 'header_order', order,
                             f'Follows the browser, not curl_cffi: Connection: keep-alive right after Host, as Chrome sends it ({CAP}); curl omits it.')
        s = add_header(s, 'connection', 'keep-alive', before=None)
        fixes.append(f'HTTP/1.1 `Connection: keep-alive` after Host, as in {CAP} (curl omits it)')
        if major >= 152:
            s = set_scalar(s, 'tls', 'grease_signature_algorithms', 'true',
                           f'Follows the browser, not curl_cffi: a GREASE value first in signature_algorithms, as Chrome 152 and later send it ({CAP}); curl_cffi {target} sends none.',
                           after='grease')
            fixes.append(f'GREASE first in signature_algorithms, as in {CAP} (curl_cffi: none)')
            ids = CHROME['tls']['trust_anchor_ids'].replace('\n', '')
            lines = [ids[i:i + 84] for i in range(0, len(ids), 84)]
            s = set_scalar(s, 'tls', 'trust_anchor_ids', '"""\n' + '\n'.join(lines) + '"""',
                           f'Follows the browser, not curl_cffi: the same 28 Chrome Root Store IDs in one fixed order, as in {CAP} (identical on its 48 connections); curl_cffi {target} shuffles them per connection.')
            fixes.append(f'trust anchor IDs in the fixed order of {CAP} (curl_cffi: the same 28 IDs shuffled per connection)')
            if 'cache-control' in defaults:
                s = drop_header(s, 'cache-control')
                fixes.append(f'no `cache-control: max-age=0` on a navigation (Chrome sends it on reloads and form posts only, {CAP}); curl_cffi {target} always sends it')
            s = replace_list(s, 'http2', 'header_order', CHROME['http2']['header_order'],
                             f'Follows the browser, not curl_cffi: Chrome\'s order as in {CAP} (Cache-Control after Content-Length, on form posts); curl_cffi {target} appends cache-control last.')
    if fam in ('firefox', 'tor'):
        h1 = p['http1']['header_order']
        lowercase_h1 = h1[-1] == 'Host'
        sends_user = 'sec-fetch-user' in defaults
        if lowercase_h1:
            keep = defaults | {'host', 'connection', 'content-length', 'content-type', 'origin', 'referer', 'cookie'}
            order = [n for n in FIREFOX['http1']['header_order'] if n.lower() in keep]
            if sends_user:
                order = insert_after(order, 'Sec-Fetch-User', 'Sec-Fetch-Site')
            s = replace_list(s, 'http1', 'header_order', order,
                             f'Follows the browser, not curl_cffi: Firefox\'s HTTP/1.1 order and Title-Case, Host first, Connection after Origin, no TE, as in {FCAP}; curl_cffi {target} sends lowercase names with Host last and TE: trailers.')
            fixes.append(f'HTTP/1.1 header order and case: Host first, Title-Case, as in {FCAP} (curl_cffi: lowercase, Host last)')
        else:
            order = insert_after(h1, 'Connection', 'Origin')
            order = [n for n in order if n.lower() != 'te']
            s = replace_list(s, 'http1', 'header_order', order,
                             f'Follows the browser, not curl_cffi: Connection: keep-alive after Origin and no TE over HTTP/1.1, as Firefox sends them ({FCAP}); curl omits Connection and sends TE: trailers.')
        s = add_header(s, 'connection', 'keep-alive')
        fixes.append(f'HTTP/1.1 `Connection: keep-alive` after Origin, as in {FCAP} (curl omits it)')
        fixes.append(f'no `TE: trailers` over HTTP/1.1 (Firefox sends it over HTTP/2 only, {FCAP}; curl_cffi sends it on both)')
        if fam == 'firefox' and major >= 153:
            s = set_scalar(s, 'http2', 'initial_stream_id', '3',
                           f'Follows the browser, not curl_cffi: Necko opens its first request on stream 3, as in {FCAP}; curl_cffi {target} uses stream 1.')
            fixes.append(f'first request on HTTP/2 stream 3, as in {FCAP} (curl_cffi: 1)')
            s = re.sub(r'^# ECH GREASE payload randomised.*\n', '', s, flags=re.M)
            s = set_scalar(s, 'tls', 'ech_grease', 'true',
                           f'Follows the browser, not curl_cffi: NSS\'s ECH GREASE, a fixed 239-byte payload with the AEAD drawn per connection between AES-128-GCM and ChaCha20, as in {FCAP}; curl_cffi {target} uses BoringSSL\'s 144-240 bytes, always AES-128-GCM.')
            s = set_scalar(s, 'tls', 'ech_grease_random_aead', 'true', after='ech_grease')
            s = set_scalar(s, 'tls', 'ech_grease_payload_len', '239', after='ech_grease')
            fixes.append(f'ECH GREASE as NSS sends it: 239-byte payload, AEAD drawn per connection, as in {FCAP} (curl_cffi: BoringSSL\'s 144-240 bytes, AES-128-GCM)')
        else:
            who = 'Tor Browser 14.5 (Firefox ESR 128)' if fam == 'tor' else f'Firefox {version}'
            notes.append(f'UNCERTAIN, kept as curl_cffi sends them: Firefox ESR 153 as captured (firefox_esr_153) opens the first HTTP/2 request on stream 3 and sends a fixed 239-byte ECH GREASE payload with a random AEAD; whether {who} did too is not known here, so curl_cffi\'s stream 1 and BoringSSL-shaped ECH GREASE are kept.')
        if dict(p['headers']).get('sec-fetch-mode') == 'cors':
            notes.append(f'curl_cffi\'s {target} default headers are those of a fetch() from a page (sec-fetch-mode cors, sec-fetch-dest empty, sec-fetch-site same-origin, priority u=4, HEADERS weight 22), not of a navigation; kept as curl_cffi sends them.')
    if fam == 'safari':
        h1 = p['http1']['header_order']
        lower = any(n != n.title() and n.lower() == n and n not in ('sec-ch-ua',) for n in h1[1:])
        notes.append('No Safari runs here to check against: every value is curl_cffi\'s as sent' + (', its HTTP/1.1 header names in lowercase and without Connection included' if lower else ', HTTP/1.1 (without Connection) included') + ' (UNCERTAIN for the real Safari).')
        d = dict(p['headers'])
        if d.get('sec-fetch-site') == 'same-origin':
            notes.append(f'curl_cffi\'s {target} sends sec-fetch-site: same-origin on a plain navigation; kept as curl_cffi sends it.')
        ua = d.get('user-agent', '')
        m = re.search(r'iPhone OS (\d+)_', ua)
        if m and not version.startswith(m.group(1) + '.'):
            notes.append(f'curl_cffi\'s {target} User-Agent says iPhone OS {m.group(1)} with Version/{version}; kept as curl_cffi sends it.')
        s = re.sub(r'^form_boundary = .*\n', '', s, flags=re.M)
        s = s.replace('checked = ', '# WebKit\'s multipart boundaries (----WebKitFormBoundary and 16 characters), as Safari makes\n# them; not observable in curl_cffi\'s requests.\nform_boundary = "webkit"\nchecked = ', 1)
        # Move form_boundary after checked, as the writer lays it out.
        s = re.sub(r'(# WebKit.*\n# them.*\nform_boundary = "webkit"\n)(checked = .*\n)', r'\2\1', s)
        assert 'split_cookies' not in s
        s = s.replace('\n\n[http1]\n', f'\n# One `cookie` field per cookie pair over HTTP/2, as curl_cffi {target} sends them.\nsplit_cookies = true\n\n[http1]\n', 1)
    # Header comment.
    plat = f'{osname} {osver}'.strip()
    title = {'chrome': 'Chrome', 'edge': 'Microsoft Edge', 'firefox': 'Firefox', 'safari': 'Safari', 'tor': 'Tor Browser'}[fam]
    head = wrap(f'{title} {version} on {plat}: curl_cffi 0.17.0\'s {target} target, captured on the wire from curl_cffi itself with `mummer fingerprint capture --command` (docs/decisions/0007-curl-cffi-targets.md); tests/impersonate_curl_cffi.rs compares every field with curl_cffi.')
    if fixes:
        head += '# Differences from curl_cffi, following the real browser:\n'
        for x in fixes:
            head += bullet(x)
    if gaps:
        head += '# Not reproduced (engine limits):\n'
        for x in gaps:
            head += bullet(x)
    for x in notes:
        head += wrap(x)
    s = head + s[s.index('name = '):]
    s = re.sub(r'^aliases = .*$', 'aliases = [' + ', '.join(f'"{a}"' for a in aliases) + ']', s, count=1, flags=re.M)
    s = re.sub(r'^source = .*$', f'source = "curl_cffi 0.17.0 target {target} ({browser} {version}, {plat}), captured on the wire"', s, count=1, flags=re.M)
    open(f'{DST}/{name}.toml', 'w').write(s)
print(f'installed {len(glob.glob(GEN + "/*.toml")) - len(SKIP)} profiles into {DST}')
