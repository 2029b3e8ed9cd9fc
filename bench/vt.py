"""A small terminal screen for the interface benchmark.

Screen(cols, rows).feed(data) applies what a curses program writes for
TERM=xterm-256color (cursor addressing, erases, scroll regions, insert and
delete, REP, the alternate screen, UTF-8 with wide characters) to a grid of
cells; text() gives the rows. Colours and other attributes are dropped: the
benchmark only asks what the screen says. Sequences it does not know are
skipped whole, so they cannot leak into the text.

The raw output of curses is no good for that question: curses sends only
the cells that changed, so a title drawn over a similar one arrives in
pieces, between cursor moves.
"""
import codecs
import re
import unicodedata


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# The DEC special graphics set (ESC ( 0), as curses draws lines with it.
DEC = dict(zip("jklmnqtuvwx`afgyz{|}~",
               "┘┐┌└┼─├┤┴┬│◆▒°±≤≥π≠£·"))


class Screen:
    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.reset()

    def reset(self):
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.x = self.y = 0
        self.top, self.bottom = 0, self.rows - 1
        self.saved = (0, 0)
        self.g0_dec = False
        self.last = " "
        self.wrap_pending = False

    def text(self):
        return ["".join(c for c in row if c is not None).rstrip()
                for row in self.grid]

    def contains(self, s):
        return any(s in row for row in self.text())

    # --- input ------------------------------------------------------------

    TOKEN = re.compile(
        r"\x1b\[([0-?]*[ -/]*)([@-~])"        # CSI
        r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS..: to BEL, ST
        r"|\x1b([()*+#])(.)"                  # charsets, DEC line sizes
        r"|\x1b([^\[\]PX^_()*+#])"            # two-byte escapes
        r"|([\x00-\x1a\x1c-\x1f\x7f])"      # controls
        r"|([^\x00-\x1f\x7f]+)", re.S)       # text

    def feed(self, data):
        """Apply bytes as they came (a sequence may be split between
        calls)."""
        s = self.pending + self.decoder.decode(data)
        self.pending = ""
        pos, end = 0, len(s)
        match = self.TOKEN.match
        while pos < end:
            m = match(s, pos)
            if m is None:  # an escape sequence not finished yet
                if end - pos < 512:
                    self.pending = s[pos:]
                    return
                pos += 1  # or a broken one: drop its ESC
                continue
            pos = m.end()
            if m.group(7) is not None:
                self.text_run(m.group(7))
            elif m.group(2) is not None:
                self.csi(m.group(1), m.group(2))
            elif m.group(6) is not None:
                self.control(m.group(6))
            elif m.group(5) is not None:
                self.escape(m.group(5))
            elif m.group(3) == "(":
                self.g0_dec = m.group(4) == "0"

    def text_run(self, run):
        if self.g0_dec or not run.isascii():
            for ch in run:
                self.put(ch)
            return
        while run:
            if self.wrap_pending:
                self.x = 0
                self.index()
                self.wrap_pending = False
            row = self.grid[self.y]
            take = run[:self.cols - self.x]
            run = run[len(take):]
            x = self.x
            if row[x] is None or (x + len(take) < self.cols and
                                  row[x + len(take)] is None):
                for ch in take:
                    self.put(ch)
                continue
            row[x:x + len(take)] = take
            self.last = take[-1]
            self.x = x + len(take)
            if self.x >= self.cols:
                self.x = self.cols - 1
                self.wrap_pending = True

    def escape(self, ch):
        if ch == "7":
            self.saved = (self.x, self.y)
        elif ch == "8":
            self.x, self.y = self.saved
        elif ch == "D":
            self.index()
        elif ch == "E":
            self.x = 0
            self.index()
        elif ch == "M":
            self.reverse_index()
        elif ch == "c":
            self.reset()
        # ESC = ESC > and the rest change nothing on the screen

    def control(self, ch):
        self.wrap_pending = False if ch != "\x07" else self.wrap_pending
        if ch == "\r":
            self.x = 0
        elif ch in "\n\x0b\x0c":
            self.index()
        elif ch == "\b":
            self.x = max(0, self.x - 1)
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
        elif ch == "\x0e":
            self.g0_dec = True
        elif ch == "\x0f":
            self.g0_dec = False

    def put(self, ch):
        if self.g0_dec:
            ch = DEC.get(ch, ch)
        w = width(ch)
        if w == 0:
            return
        if self.wrap_pending or self.x + w > self.cols:
            self.x = 0
            self.index()
            self.wrap_pending = False
        row = self.grid[self.y]
        self.clear_cell(row, self.x)
        row[self.x] = ch
        if w == 2:
            self.clear_cell(row, self.x + 1)
            row[self.x + 1] = None  # the right half of a wide character
        self.last = ch
        self.x += w
        if self.x >= self.cols:
            self.x = self.cols - 1
            self.wrap_pending = True

    def clear_cell(self, row, x):
        # Overwriting half of a wide character blanks its other half.
        if row[x] is None and x > 0:
            row[x - 1] = " "
        elif x + 1 < self.cols and row[x + 1] is None:
            row[x + 1] = " "

    # --- scrolling ----------------------------------------------------------

    def index(self):
        if self.y == self.bottom:
            self.scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def reverse_index(self):
        if self.y == self.top:
            self.scroll_down(1)
        elif self.y > 0:
            self.y -= 1

    def scroll_up(self, n, top=None):
        top = self.top if top is None else top
        for _ in range(min(n, self.bottom - top + 1)):
            del self.grid[top]
            self.grid.insert(self.bottom, [" "] * self.cols)

    def scroll_down(self, n, top=None):
        top = self.top if top is None else top
        for _ in range(min(n, self.bottom - top + 1)):
            del self.grid[self.bottom]
            self.grid.insert(top, [" "] * self.cols)

    # --- control sequences ------------------------------------------------

    def csi(self, seq, final):
        private = seq[:1] in ("?", ">", "<", "=")
        body = seq[1:] if private else seq
        if any(c in body for c in " !\"$'"):
            return  # intermediates: DECSCUSR and the like
        try:
            args = [int(a) if a else 0 for a in body.split(";")] if body \
                else []
        except ValueError:
            args = []
        n = max(1, args[0]) if args else 1
        self.wrap_pending = False
        if private:
            if final in "hl" and any(a in (47, 1047, 1049) for a in args):
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            return
        if final in "Hf":
            r = args[0] if len(args) > 0 and args[0] else 1
            c = args[1] if len(args) > 1 and args[1] else 1
            self.y = min(self.rows, r) - 1
            self.x = min(self.cols, c) - 1
        elif final == "A":
            self.y = max(0, self.y - n)
        elif final in "Be":
            self.y = min(self.rows - 1, self.y + n)
        elif final in "Ca":
            self.x = min(self.cols - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final == "E":
            self.y, self.x = min(self.rows - 1, self.y + n), 0
        elif final == "F":
            self.y, self.x = max(0, self.y - n), 0
        elif final in "G`":
            self.x = min(self.cols, n) - 1
        elif final == "d":
            self.y = min(self.rows, n) - 1
        elif final == "K":
            mode = args[0] if args else 0
            row = self.grid[self.y]
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1),
                      2: (0, self.cols)}.get(mode, (0, 0))
            for i in range(lo, hi):
                row[i] = " "
            self.fix_row(row)
        elif final == "J":
            mode = args[0] if args else 0
            if mode == 0:
                self.csi("0", "K")
                rows = range(self.y + 1, self.rows)
            elif mode == 1:
                self.csi("1", "K")
                rows = range(0, self.y)
            else:
                rows = range(self.rows)
            for r in rows:
                self.grid[r] = [" "] * self.cols
        elif final == "X":
            row = self.grid[self.y]
            for i in range(self.x, min(self.cols, self.x + n)):
                row[i] = " "
            self.fix_row(row)
        elif final == "b":
            for _ in range(n):
                self.put(self.last)
        elif final == "P":
            row = self.grid[self.y]
            del row[self.x:self.x + n]
            row.extend([" "] * (self.cols - len(row)))
            self.fix_row(row)
        elif final == "@":
            row = self.grid[self.y]
            row[self.x:self.x] = [" "] * n
            del row[self.cols:]
            self.fix_row(row)
        elif final == "L":
            if self.top <= self.y <= self.bottom:
                self.scroll_down(n, self.y)
        elif final == "M":
            if self.top <= self.y <= self.bottom:
                self.scroll_up(n, self.y)
        elif final == "S":
            self.scroll_up(n)
        elif final == "T":
            self.scroll_down(n)
        elif final == "r":
            top = args[0] if len(args) > 0 and args[0] else 1
            bottom = args[1] if len(args) > 1 and args[1] else self.rows
            if top < bottom <= self.rows:
                self.top, self.bottom = top - 1, bottom - 1
                self.x = self.y = 0
        elif final == "s":
            self.saved = (self.x, self.y)
        elif final == "u":
            self.x, self.y = self.saved
        # m (colours), t (window ops), n (reports), h/l: nothing to draw

    def fix_row(self, row):
        # A wide character's right half with no left half is a blank.
        for i, c in enumerate(row):
            if c is None and (i == 0 or row[i - 1] is None or
                              width(row[i - 1]) != 2):
                row[i] = " "
