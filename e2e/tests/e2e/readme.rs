//! The README's "Using the chain" walkthrough, run as written against a real node: every `$hc`
//! command of it, in order, with the exit status its comment claims (`exit 1`), so that the
//! README stays true of the chain and the client.

use healthchain_e2e::{run_client_in, workspace_root, Node};

/// One command of the walkthrough.
#[derive(Debug)]
struct Step {
	/// Its arguments, after `$hc`.
	args: Vec<String>,
	/// The exit status its comment claims (0 unless it says `exit 1`).
	exit: i32,
	/// The file its output is redirected to (`> file`), if any.
	output: Option<String>,
}

/// The `$hc …` commands of the README's "Using the chain" section, continuation lines joined.
fn steps(readme: &str) -> Vec<Step> {
	let section = readme.split("## Using the chain").nth(1).expect("the section exists");
	let section = section.split("\n## ").next().unwrap_or_default();
	let mut commands = Vec::new();
	let mut pending: Option<String> = None;
	for line in section.lines().map(str::trim) {
		let text = match pending.take() {
			Some(mut command) => {
				command.push(' ');
				command.push_str(line);
				command
			},
			None => match line.strip_prefix("$hc ") {
				Some(rest) => rest.to_string(),
				None => continue,
			},
		};
		match text.strip_suffix('\\') {
			Some(head) => pending = Some(head.trim_end().to_string()),
			None => commands.push(text),
		}
	}
	commands
		.into_iter()
		.map(|command| {
			let (command, comment) = command.split_once(" #").unwrap_or((&command, ""));
			let (command, output) = match command.split_once(" > ") {
				Some((command, file)) => (command, Some(file.trim().to_string())),
				None => (command, None),
			};
			let args = command
				.split_whitespace()
				// A placeholder for a hash the reader picks.
				.map(|arg| if arg == "0x…" { format!("0x{}", "7e".repeat(32)) } else { arg.into() })
				.collect();
			Step { args, exit: if comment.contains("exit 1") { 1 } else { 0 }, output }
		})
		.collect()
}

/// A claims file whose coverage began a month ago and lasts a year.
pub(super) fn claims_from_now() -> String {
	use healthchain_client::insurance::date;
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("after 1970")
		.as_millis() as u64;
	let day = 86_400_000;
	format!(
		r#"{{ "plan": "GOLD", "member": "M-0012345",
		     "coverage": ["inpatient", "outpatient", "pharmacy", "telemedicine"],
		     "network_tier": "preferred", "copay_class": "B",
		     "period": {{ "start": "{}", "end": "{}" }} }}"#,
		date(now - 30 * day),
		date(now + 365 * day)
	)
}

#[test]
fn the_readme_walkthrough_works_as_written() {
	let readme = std::fs::read_to_string(workspace_root().join("README.md")).expect("README.md");
	let steps = steps(&readme);
	assert!(steps.len() > 30, "the walkthrough was not found: {steps:?}");
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	// The documents the walkthrough names, each with content of its own.
	for step in &steps {
		for pair in step.args.windows(2) {
			if pair[0] == "--claims" {
				std::fs::write(dir.path().join(&pair[1]), claims_from_now()).unwrap();
			}
			if pair[0] == "--file" || pair[0] == "--profile-file" {
				let path = dir.path().join(&pair[1]);
				if !path.exists() {
					std::fs::write(&path, format!("the document {}", pair[1])).unwrap();
				}
			}
		}
	}
	for step in &steps {
		// The harness always asks for JSON.
		let args: Vec<&str> =
			step.args.iter().map(String::as_str).filter(|arg| *arg != "--json").collect();
		let run = run_client_in(dir.path(), &node.url(), &args).expect("client runs");
		assert_eq!(
			run.code,
			step.exit,
			"`healthchain {}` exited {} (the README says {}): {:?}\n{}",
			step.args.join(" "),
			run.code,
			step.exit,
			run.json,
			run.stderr
		);
		if let Some(file) = &step.output {
			std::fs::write(dir.path().join(file), run.json.to_string()).unwrap();
		}
	}
	// Erin never received an HCT: neither her wallet's root nor any pseudonym it used holds
	// anything, free or held; the hospital paid for all she did.
	let ferdie = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL";
	for suri in [
		"//Erin".to_string(),
		"//Erin//healthchain//org//0".into(),
		"//Erin//healthchain//org//2".into(),
		format!("//Erin//healthchain//acct//{ferdie}"),
	] {
		let run = run_client_in(dir.path(), &node.url(), &["--suri", &suri, "account"]).unwrap();
		assert_eq!(
			(run.json["free"].as_str(), run.json["held"].as_str()),
			(Some("0"), Some("0")),
			"{suri}: {:?}",
			run.json
		);
	}
	let walkthrough = readme.split("## Using the chain").nth(1).unwrap_or_default();
	assert!(!walkthrough.contains("--suri //Eve"), "the patient signs only with --as-patient");
}

#[test]
fn the_walkthrough_parser_reads_continuations_comments_and_redirects() {
	let steps = steps(
		"## Using the chain\n```sh\nhc=x\n$hc a --b c   # exit 1: no\n$hc d \\\n    e f\n\
		 $hc g 0x… > out.json\n```\n## Layout\n$hc never\n",
	);
	let args: Vec<String> = steps.iter().map(|step| step.args.join(" ")).collect();
	assert_eq!(args, ["a --b c", "d e f", &format!("g 0x{}", "7e".repeat(32))]);
	assert_eq!(steps.iter().map(|step| step.exit).collect::<Vec<_>>(), [1, 0, 0]);
	assert_eq!(steps[2].output.as_deref(), Some("out.json"));
}
