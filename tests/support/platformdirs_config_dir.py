"""Prints platformdirs' user_config_dir("inkwell", appauthor=False), as inkwell-cli 0.26's
utils/paths.py asks for it, for each [os, environment] case in argv[1] (JSON), with the
Unix, macOS and Windows classes (Windows through its environment-variable lookup, with
ntpath): one JSON list, null where platformdirs raises.
"""
import json, ntpath, os, sys
cases = json.loads(sys.argv[1])
import platformdirs.windows as w, platformdirs.macos as m, platformdirs.unix as u
w._RESOLVE_WIN_FOLDER = w.get_win_folder_from_env_vars
out = []
for osname, env in cases:
    os.environ.clear(); os.environ.update(env)
    try:
        if osname == "windows":
            saved = os.path; os.path = ntpath
            try:
                r = w.Windows("inkwell", appauthor=False).user_config_dir
            finally:
                os.path = saved
        elif osname == "macos":
            r = m.MacOS("inkwell", appauthor=False).user_config_dir
        else:
            r = u.Unix("inkwell", appauthor=False).user_config_dir
    except Exception as e:
        r = None
    out.append(r)
print(json.dumps(out))
