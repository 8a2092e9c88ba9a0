//! Where a Chromium-based browser is found, as puppeteer's and
//! chromiumoxide's lookups do: `--browser`, else `BRIEFING_BROWSER` (or its
//! older name `BRIEFING_CHROMIUM`), else the browsers' names on `PATH`, else
//! the places Chrome, Chromium, Edge and Brave install to on macOS, Windows
//! and Linux (Flatpak and Snap included). The lookup reads the environment
//! and the file system only through [`System`], so that each platform's
//! places are tested on any machine.

use std::ffi::OsString;
use std::path::PathBuf;

/// The systems whose install places are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    /// The system this program was built for (another Unix counts as Linux).
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Linux
        }
    }

    /// The browsers' program names on `PATH`, in order of preference.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Os::Windows => &["chrome.exe", "msedge.exe", "chromium.exe", "brave.exe"],
            Os::Linux | Os::MacOs => &[
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
                "microsoft-edge",
                "microsoft-edge-stable",
                "brave-browser",
                "brave",
            ],
        }
    }

    /// How to install a browser on this system.
    pub fn install_hint(self) -> &'static str {
        match self {
            Os::Linux => {
                "install one, e.g. `sudo apt-get install chromium` (Debian, Ubuntu), `sudo dnf install chromium` (Fedora), `sudo snap install chromium`, or Google Chrome from https://www.google.com/chrome/"
            }
            Os::MacOs => {
                "install Google Chrome from https://www.google.com/chrome/ (or `brew install --cask google-chrome`) into Applications"
            }
            Os::Windows => {
                "Microsoft Edge comes with Windows and is found in C:\\Program Files (x86)\\Microsoft\\Edge; if it was removed, install Edge or Google Chrome from https://www.google.com/chrome/"
            }
        }
    }

    fn separator(self) -> char {
        if self == Os::Windows { ';' } else { ':' }
    }

    /// `dir` and `file` joined as this system writes paths.
    fn join(self, dir: &str, file: &str) -> String {
        let slash = if self == Os::Windows { '\\' } else { '/' };
        format!("{}{slash}{file}", dir.trim_end_matches(['/', '\\']))
    }
}

/// What the lookup may know of the machine.
pub struct System<'a> {
    pub os: Os,
    /// An environment variable (`PATH`, `HOME`, `ProgramFiles`, …).
    pub var: &'a dyn Fn(&str) -> Option<OsString>,
    /// Whether a path is a program that can be run (a file, executable).
    pub is_program: &'a dyn Fn(&std::path::Path) -> bool,
}

/// The places Chrome, Chromium, Edge and Brave install to on `os`, in order
/// of preference, with the user's home and Windows' program folders from
/// `var`.
pub fn install_places(os: Os, var: &dyn Fn(&str) -> Option<OsString>) -> Vec<String> {
    let text = |name: &str| var(name).map(|v| v.to_string_lossy().into_owned()).filter(|v| !v.is_empty());
    match os {
        Os::MacOs => {
            let apps = [
                "Google Chrome.app/Contents/MacOS/Google Chrome",
                "Chromium.app/Contents/MacOS/Chromium",
                "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
                "Brave Browser.app/Contents/MacOS/Brave Browser",
                "Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta",
                "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
            ];
            let mut folders = vec!["/Applications".to_string()];
            folders.extend(text("HOME").map(|home| os.join(&home, "Applications")));
            // A browser before the next, wherever it is.
            apps.iter().flat_map(|app| folders.iter().map(move |dir| os.join(dir, app))).collect()
        }
        Os::Windows => {
            let programs = [
                "Google\\Chrome\\Application\\chrome.exe",
                "Microsoft\\Edge\\Application\\msedge.exe",
                "Chromium\\Application\\chrome.exe",
                "BraveSoftware\\Brave-Browser\\Application\\brave.exe",
                "Google\\Chrome Beta\\Application\\chrome.exe",
            ];
            let mut folders: Vec<String> = Vec::new();
            for (name, default) in [
                ("ProgramFiles", Some("C:\\Program Files")),
                ("ProgramFiles(x86)", Some("C:\\Program Files (x86)")),
                ("LocalAppData", None),
            ] {
                if let Some(dir) = text(name).or(default.map(str::to_string))
                    && !folders.contains(&dir)
                {
                    folders.push(dir);
                }
            }
            programs.iter().flat_map(|p| folders.iter().map(move |dir| os.join(dir, p))).collect()
        }
        Os::Linux => {
            let mut places: Vec<String> = [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable",
                "/opt/google/chrome/chrome",
                "/usr/bin/microsoft-edge",
                "/usr/bin/microsoft-edge-stable",
                "/opt/microsoft/msedge/msedge",
                "/usr/bin/brave-browser",
                "/opt/brave.com/brave/brave",
                "/usr/lib/chromium/chromium",
                "/snap/bin/chromium",
                "/snap/bin/brave",
                "/var/lib/snapd/snap/bin/chromium",
            ]
            .iter()
            .map(|p| p.to_string())
            .collect();
            let flatpaks =
                ["org.chromium.Chromium", "com.google.Chrome", "com.microsoft.Edge", "com.brave.Browser"];
            let mut exports = vec!["/var/lib/flatpak/exports/bin".to_string()];
            exports.extend(text("HOME").map(|home| os.join(&home, ".local/share/flatpak/exports/bin")));
            places.extend(exports.iter().flat_map(|dir| flatpaks.iter().map(move |app| os.join(dir, app))));
            places
        }
    }
}

/// The browser `system` has, and else every place looked in: each of the
/// names on each folder of `PATH`, then the install places.
pub fn find(system: &System<'_>) -> Result<PathBuf, Vec<String>> {
    let os = system.os;
    let path = (system.var)("PATH").map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let dirs: Vec<&str> = path.split(os.separator()).filter(|d| !d.is_empty()).collect();
    let mut looked = Vec::new();
    for name in os.names() {
        for dir in &dirs {
            let candidate = os.join(dir, name);
            if (system.is_program)(std::path::Path::new(&candidate)) {
                return Ok(PathBuf::from(candidate));
            }
        }
        looked.push(format!("{name} on PATH"));
    }
    for place in install_places(os, system.var) {
        if (system.is_program)(std::path::Path::new(&place)) {
            return Ok(PathBuf::from(place));
        }
        looked.push(place);
    }
    Err(looked)
}

/// Where the print's private folder must go for `browser` to see it, when
/// it runs in a sandbox with a /tmp of its own: for a Snap (`/snap/bin/NAME`)
/// the snap's own folder `~/snap/NAME/common`, for a Flatpak (an export
/// named by its application id) its `~/.var/app/ID/cache`, both the same
/// files inside the sandbox and out. `None` for any other browser (the
/// system's temporary folder is used) or without a home folder.
pub fn sandbox_folder(browser: &std::path::Path, home: Option<&std::path::Path>) -> Option<PathBuf> {
    let home = home.filter(|h| h.is_absolute())?;
    let name = browser.file_name()?.to_str()?;
    let parent = browser.parent()?;
    if parent == std::path::Path::new("/snap/bin")
        || parent == std::path::Path::new("/var/lib/snapd/snap/bin")
    {
        return Some(home.join("snap").join(name).join("common"));
    }
    if parent.ends_with("flatpak/exports/bin") {
        return Some(home.join(".var/app").join(name).join("cache"));
    }
    None
}

/// The variables that name a browser, the first set one winning.
pub const VARIABLES: &[&str] = &["BRIEFING_BROWSER", "BRIEFING_CHROMIUM"];

/// The first of [`VARIABLES`] that is set and not empty, with its value.
pub fn from_variable(var: &dyn Fn(&str) -> Option<OsString>) -> Option<(&'static str, PathBuf)> {
    VARIABLES.iter().find_map(|name| var(name).filter(|v| !v.is_empty()).map(|v| (*name, PathBuf::from(v))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// A machine with these variables and these programs.
    fn machine(
        os: Os,
        vars: &[(&str, &str)],
        programs: &[&str],
    ) -> (BTreeMap<String, OsString>, BTreeSet<PathBuf>, Os) {
        (
            vars.iter().map(|(k, v)| (k.to_string(), OsString::from(v))).collect(),
            programs.iter().map(PathBuf::from).collect(),
            os,
        )
    }

    fn look(m: &(BTreeMap<String, OsString>, BTreeSet<PathBuf>, Os)) -> Result<PathBuf, Vec<String>> {
        let var = |name: &str| m.0.get(name).cloned();
        let is_program = |p: &Path| m.1.contains(p);
        find(&System { os: m.2, var: &var, is_program: &is_program })
    }

    fn found(m: &(BTreeMap<String, OsString>, BTreeSet<PathBuf>, Os)) -> String {
        look(m).unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn on_linux_path_names_come_first_then_the_install_places_flatpak_and_snap_included() {
        let path = ("PATH", "/home/me/bin:/usr/local/bin:/usr/bin");
        let m = machine(Os::Linux, &[path], &["/usr/bin/google-chrome", "/usr/local/bin/chromium"]);
        assert_eq!(found(&m), "/usr/local/bin/chromium", "chromium before google-chrome, on PATH");
        let m = machine(Os::Linux, &[path], &["/usr/bin/microsoft-edge", "/snap/bin/chromium"]);
        assert_eq!(found(&m), "/usr/bin/microsoft-edge", "Edge by its name on PATH");
        for place in [
            "/opt/google/chrome/chrome",
            "/opt/microsoft/msedge/msedge",
            "/opt/brave.com/brave/brave",
            "/snap/bin/chromium",
            "/var/lib/snapd/snap/bin/chromium",
            "/var/lib/flatpak/exports/bin/org.chromium.Chromium",
            "/var/lib/flatpak/exports/bin/com.google.Chrome",
            "/home/me/.local/share/flatpak/exports/bin/com.brave.Browser",
        ] {
            let m = machine(Os::Linux, &[("PATH", "/usr/local/bin"), ("HOME", "/home/me")], &[place]);
            assert_eq!(found(&m), place, "off PATH: {place}");
        }
        // Nothing: every place looked in is said, in order.
        let m = machine(Os::Linux, &[("PATH", "/usr/bin"), ("HOME", "/home/me")], &["/usr/bin/firefox"]);
        let looked = look(&m).unwrap_err();
        assert_eq!(looked[0], "chromium on PATH");
        assert!(looked.contains(&"/snap/bin/chromium".to_string()), "{looked:?}");
        assert!(
            looked.contains(&"/home/me/.local/share/flatpak/exports/bin/org.chromium.Chromium".to_string())
        );
        // No PATH and no HOME: the system places alone.
        let m = machine(Os::Linux, &[], &["/usr/bin/chromium"]);
        assert_eq!(found(&m), "/usr/bin/chromium");
    }

    #[test]
    fn on_macos_the_applications_folders_are_searched() {
        let m = machine(
            Os::MacOs,
            &[("PATH", "/usr/bin:/bin"), ("HOME", "/Users/me")],
            &[
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
                "/Users/me/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            ],
        );
        assert_eq!(
            found(&m),
            "/Users/me/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chrome before Edge, wherever each is"
        );
        for app in [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Brave Browser.app/Contents/MacOS/Brave Browser",
        ] {
            assert_eq!(found(&machine(Os::MacOs, &[("HOME", "/Users/me")], &[app])), app);
        }
        // Homebrew's chromium on PATH comes first.
        let m = machine(
            Os::MacOs,
            &[("PATH", "/opt/homebrew/bin:/usr/bin")],
            &["/opt/homebrew/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
        );
        assert_eq!(found(&m), "/opt/homebrew/bin/chromium");
        let looked = look(&machine(Os::MacOs, &[], &[])).unwrap_err();
        assert!(looked.contains(&"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome".to_string()));
    }

    #[test]
    fn on_windows_the_program_folders_and_the_users_own_are_searched() {
        let vars = [
            ("PATH", "C:\\Windows\\system32;C:\\Windows"),
            ("ProgramFiles", "C:\\Program Files"),
            ("ProgramFiles(x86)", "C:\\Program Files (x86)"),
            ("LocalAppData", "C:\\Users\\me\\AppData\\Local"),
        ];
        // Edge, on every Windows PC.
        let edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
        assert_eq!(found(&machine(Os::Windows, &vars, &[edge])), edge);
        let chrome = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
        assert_eq!(found(&machine(Os::Windows, &vars, &[edge, chrome])), chrome, "Chrome before Edge");
        let own = "C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe";
        assert_eq!(found(&machine(Os::Windows, &vars, &[own])), own, "a user's own install");
        let brave = "C:\\Program Files\\BraveSoftware\\Brave-Browser\\Application\\brave.exe";
        assert_eq!(found(&machine(Os::Windows, &vars, &[brave])), brave);
        // On PATH, by its .exe name; folders split at ';'.
        let on_path = "C:\\Windows\\chrome.exe";
        assert_eq!(found(&machine(Os::Windows, &vars, &[on_path, chrome])), on_path);
        // Without the variables, the usual folders.
        assert_eq!(found(&machine(Os::Windows, &[], &[edge])), edge);
        let looked = look(&machine(Os::Windows, &vars, &[])).unwrap_err();
        assert_eq!(looked[0], "chrome.exe on PATH");
        assert!(looked.contains(&chrome.to_string()) && looked.contains(&own.to_string()), "{looked:?}");
    }

    #[test]
    fn a_sandboxed_browser_prints_in_a_folder_its_sandbox_shares() {
        let home = Some(Path::new("/home/me"));
        let at = |browser: &str| sandbox_folder(Path::new(browser), home);
        assert_eq!(at("/snap/bin/chromium"), Some(PathBuf::from("/home/me/snap/chromium/common")));
        assert_eq!(at("/var/lib/snapd/snap/bin/brave"), Some(PathBuf::from("/home/me/snap/brave/common")));
        assert_eq!(
            at("/var/lib/flatpak/exports/bin/org.chromium.Chromium"),
            Some(PathBuf::from("/home/me/.var/app/org.chromium.Chromium/cache"))
        );
        assert_eq!(
            at("/home/me/.local/share/flatpak/exports/bin/com.google.Chrome"),
            Some(PathBuf::from("/home/me/.var/app/com.google.Chrome/cache"))
        );
        for plain in [
            "/usr/bin/chromium",
            "/opt/google/chrome/chrome",
            "chromium",
            "/snap/chromium/current/usr/lib/chromium-browser/chrome",
        ] {
            assert_eq!(at(plain), None, "{plain}");
        }
        assert_eq!(sandbox_folder(Path::new("/snap/bin/chromium"), None), None, "no home, no sandbox folder");
        assert_eq!(sandbox_folder(Path::new("/snap/bin/chromium"), Some(Path::new("relative"))), None);
    }

    #[test]
    fn the_variable_comes_before_the_lookup_and_its_old_name_still_works() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
        };
        assert_eq!(
            from_variable(&vars(&[("BRIEFING_BROWSER", "/a/chrome"), ("BRIEFING_CHROMIUM", "/b/chromium")])),
            Some(("BRIEFING_BROWSER", PathBuf::from("/a/chrome")))
        );
        assert_eq!(
            from_variable(&vars(&[("BRIEFING_BROWSER", ""), ("BRIEFING_CHROMIUM", "/b/chromium")])),
            Some(("BRIEFING_CHROMIUM", PathBuf::from("/b/chromium"))),
            "an empty variable counts as unset"
        );
        assert_eq!(from_variable(&vars(&[])), None);
    }
}
