#!/usr/bin/env python3
# The app, under Xvfb: the application's code in a helper program
# (app-edit-helper.c) that edits its report on a timer, through the normal
# report API, while autosave runs, and is killed with SIGKILL at random moments.  After every
# kill the file loads and checks as before, and holds one edit's state,
# never a mix, never older.  Then a clean quit: the file holds the last
# edit and nothing is left to recover.  (The 200-kill test is test-kill.c,
# on a small process without GTK; this one proves the same of the app.)
import configparser
import hashlib
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.nianbao.Nianbao'
KILLS = int(os.environ.get('NB_APP_KILLS', '12'))
# How long any one wait may take: generous, since a loaded machine is slow;
# every wait ends as soon as its condition holds.
WAIT = 120
nianbao = os.environ['NIANBAO']
edit_helper = os.environ['NB_APP_EDIT_HELPER']
source = os.environ['NB_SOURCE_DIR']

tests = []


def test(function):
    tests.append(function)
    return function


def state(path):
    """The edit number the file holds; fails on a mix or a broken file."""
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    meta = data['metadata']
    agency, address = meta.get('agency', ''), meta.get('address', '')
    m = re.fullmatch(r'编辑局 (\d+)', agency)
    if m is None:
        assert not address.startswith('地址 '), (agency, address)
        return 0
    assert address == '地址 %s 号' % m.group(1), ('a mix of two edits', agency, address)
    return int(m.group(1))


def check_summary(path):
    """The app's own loader and checks, as the command line runs them."""
    run = subprocess.run([nianbao, '--check', '--format=summary-csv', path], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode in (0, 1), (run.returncode, run.stderr)
    lines = run.stdout.strip().splitlines()
    # Drop the file name and the agency columns: only the counts matter.
    return run.returncode, [re.sub(r'^[^,]*,', '', line).split(',')[-3:] for line in lines[1:]]


class Env:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='nb-app-kill-')
        self.env = dict(os.environ)
        self.env['XDG_DATA_HOME'] = os.path.join(self.dir, 'data')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.dir, 'config')
        # A short autosave delay, so kills land while saving: the keyfile
        # backend reads it from XDG_CONFIG_HOME.
        settings = os.path.join(self.dir, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/nianbao/Nianbao]\nautosave-delay=uint32 500\n')
        self.env['GSETTINGS_BACKEND'] = 'keyfile'
        self.env.pop('G_DEBUG', None)  # the app is killed: warnings are not the point
        self.path = os.path.join(self.dir, 'report.nianbao')
        shutil.copy(os.path.join(source, 'data', 'samples', 'sample-2022.nianbao'), self.path)

    def start(self, *args, edit_ms=None, edit_on_input=False):
        env = dict(self.env)
        program = nianbao
        if edit_ms is not None:
            env['NB_EDIT_INTERVAL_MS'] = str(edit_ms)
            program = edit_helper
        if edit_on_input:
            env['NB_EDIT_ON_INPUT'] = '1'
            program = edit_helper
        return subprocess.Popen([program, *args], env=env, stdout=subprocess.PIPE,
                                stdin=subprocess.PIPE if edit_on_input else None,
                                stderr=subprocess.DEVNULL, text=True)

    def wait_line(self, app, prefix, timeout=WAIT, accept=lambda line: True):
        """Until the app prints a line starting with @prefix that @accept
        takes; returns it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([app.stdout], [], [], 0.5)
            if ready:
                line = app.stdout.readline()
                assert line, 'the app exited before printing %r' % prefix
                if line.startswith(prefix) and accept(line):
                    return line.strip()
        raise AssertionError('the app did not print %r in %d s' % (prefix, timeout))

    def edit(self, app):
        """One edit, made when the test says so; returns its number."""
        app.stdin.write('\n')
        app.stdin.flush()
        return int(self.wait_line(app, 'edit ').split()[1])

    def wait_for(self, condition, what, timeout=WAIT, every=0.1):
        end = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < end, '%s, in %d s' % (what, timeout)
            time.sleep(every)

    def wait_editing(self, app, edits=1):
        """Until the app has made its first edits: start-up under Xvfb can
        take seconds on a loaded machine."""
        line = self.wait_line(app, 'edit ', accept=lambda line: int(line.split()[1]) >= edits)
        return int(line.split()[1])

    def wait_saved_past(self, last):
        """Until the file holds an edit after @last: the app has saved."""
        self.wait_for(lambda: state(self.path) > last, 'the app saved no edit past %d' % last,
                      every=0.02)

    def drafts(self):
        d = os.path.join(self.dir, 'data', 'nianbao', 'drafts')
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def markers(self):
        d = os.path.join(self.dir, 'data', 'nianbao', 'sessions')
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


@test
def app_killed_while_editing():
    env = Env()
    try:
        before = check_summary(env.path)
        last = 0
        advanced = 0
        for i in range(KILLS):
            app = env.start(env.path, edit_ms=20)
            env.wait_editing(app)
            # The autosave delay is 0.5 s (then a save about every 0.5 s).
            # After this session's first save, however long that took, the
            # kill lands at a random point during or between later saves.
            env.wait_saved_past(last)
            time.sleep(random.uniform(0, 1.5))
            app.send_signal(signal.SIGKILL)
            app.wait(timeout=30)
            assert os.path.getsize(env.path) > 0
            n = state(env.path)
            assert n >= last, ('went back', last, n)
            advanced += n > last
            last = n
            assert check_summary(env.path) == before, 'the checks changed'
        print('# %d kills of the app: the file advanced in %d, to edit %d' % (KILLS, advanced, last))
        # Every session saved before its kill (waited for above).
        assert advanced == KILLS, ('autosave did not save', advanced)
    finally:
        env.close()


@test
def clean_quit_saves_and_leaves_nothing():
    env = Env()
    try:
        app = env.start(env.path, edit_ms=50)
        # Some edits, the last one still waiting for its save at the quit.
        seen = env.wait_editing(app, edits=10)
        subprocess.run(['gapplication', 'action', APP_ID, 'quit'], env=env.env, check=True,
                       timeout=WAIT)
        # Quitting waits for the last save: slow on a busy machine.
        out, _ = app.communicate(timeout=WAIT)
        assert app.returncode == 0, app.returncode
        edits = [seen] + [int(m) for m in re.findall(r'^edit (\d+)$', out, re.M)]
        assert edits, 'the app made no edits'
        # Quitting waited for the pending save: the file has the last edit.
        assert state(env.path) == edits[-1], (state(env.path), edits[-1])
        assert env.drafts() == [], env.drafts()
        assert env.markers() == [], env.markers()
    finally:
        env.close()


def find_window(name, env, timeout=180):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        run = subprocess.run(['xdotool', 'search', '--name', name], env=env,
                             capture_output=True, text=True)
        if run.returncode == 0 and run.stdout.strip():
            return True
        time.sleep(0.5)
    return False


@test
def killed_untitled_report_is_offered_at_next_start():
    env = Env()
    try:
        app = env.start('--sample', edit_ms=50)
        env.wait_editing(app)
        env.wait_for(lambda: any(d.endswith('.nianbao') for d in env.drafts()),
                     'no draft was written')
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)

        again = env.start()
        try:
            assert find_window('Recover Unsaved Work', env.env), 'recovery was not offered'
        finally:
            again.send_signal(signal.SIGKILL)
            again.wait(timeout=30)
    finally:
        env.close()


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def draft_infos(env):
    d = os.path.join(env.dir, 'data', 'nianbao', 'drafts')
    infos = []
    for name in env.drafts():
        if name.endswith('.ini'):
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(os.path.join(d, name), encoding='utf-8')
            infos.append(dict(parser['Draft'], id=name[:-len('.ini')]))
    return infos


def complete_drafts(env, path):
    """The infos of the drafts for @path whose content is there too."""
    names = env.drafts()
    return [i for i in draft_infos(env)
            if i.get('file') == path and i['id'] + '.nianbao' in names]


@test
def killed_titled_report_keeps_the_file_and_its_base():
    """Another program writes the file while the app edits it: the work goes
    to a draft that records which version of the file it was based on, and
    the file stays theirs, through the kill and the next start."""
    env = Env()
    try:
        # Edits only when the test asks: nothing of the app's is in flight
        # while the test reads and replaces the file.
        app = env.start(env.path, edit_on_input=True)
        env.wait_line(app, 'ready')
        assert env.edit(app) == 1
        env.wait_saved_past(0)
        assert state(env.path) == 1, 'the first edit was not saved'
        # The version of theirs is made from exactly the bytes the base is.
        with open(env.path, 'rb') as f:
            saved = f.read()
        base = hashlib.sha256(saved).hexdigest()
        data = json.loads(saved.decode('utf-8'))
        data['metadata']['agency'] = '别的程序'
        theirs = env.path + '.theirs'
        with open(theirs, 'w', encoding='utf-8') as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
        os.rename(theirs, env.path)
        their_bytes = open(env.path, 'rb').read()

        # The next edit finds the conflict and goes to a draft.
        assert env.edit(app) == 2
        # Written whole: the info is written first, then the content (an
        # info alone is dropped at the next start, the design's order).
        env.wait_for(lambda: complete_drafts(env, env.path),
                     'no draft was written for the edit after the file changed')
        infos = complete_drafts(env, env.path)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)

        assert open(env.path, 'rb').read() == their_bytes, 'the file was written over'
        assert infos[0].get('base') == base, (infos[0].get('base'), base)

        again = env.start()
        try:
            assert find_window('Recover Unsaved Work', env.env), \
                ('recovery was not offered', again.poll(), env.drafts(), env.markers())
        finally:
            again.send_signal(signal.SIGKILL)
            again.wait(timeout=30)
        assert open(env.path, 'rb').read() == their_bytes, 'the file was written over'
    finally:
        env.close()


def main():
    print('1..%d' % len(tests))
    failed = 0
    for number, function in enumerate(tests, 1):
        try:
            function()
            print('ok %d %s' % (number, function.__name__))
        except Exception as e:  # report, then go on with the next test
            failed += 1
            print('not ok %d %s: %r' % (number, function.__name__, e))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
