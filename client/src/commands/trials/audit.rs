//! `healthchain trial audit`'s text: the trial's timeline for an auditor.

/// The audit as text: a timeline and what it flags.
pub(super) fn audit_text(audit: &serde_json::Value) -> String {
	let mut lines = vec![format!(
		"trial {} (sponsor organisation {}, tenure {})",
		audit["trial"].as_str().unwrap_or("?"),
		audit["sponsor"],
		audit["tenure"]
	)];
	for entry in audit["documents"].as_array().into_iter().flatten() {
		let d = &entry["document"];
		let key = &entry["key"];
		lines.push(format!(
			"  #{:>3} block #{} {} v{} {} {}{}",
			d["anchored"]["seq"],
			d["anchored"]["block"],
			key["kind"].as_str().unwrap_or("?"),
			key["version"],
			d["reason"].as_str().unwrap_or("?"),
			d["document_hash"].as_str().unwrap_or("?"),
			if entry["void"] == true {
				format!(" VOID (tenure {}, anchored by {})", key["tenure"], d["anchored_by"])
			} else {
				String::new()
			}
		));
	}
	for entry in audit["milestones"].as_array().into_iter().flatten() {
		let r = &entry["record"];
		lines.push(format!(
			"  #{:>3} block #{} milestone {} (data log: {} records)",
			r["anchored"]["seq"],
			r["anchored"]["block"],
			entry["milestone"].as_str().unwrap_or("?"),
			r["log_size"]
		));
	}
	for entry in audit["voidings"].as_array().into_iter().flatten() {
		let v = &entry["voiding"];
		lines.push(format!(
			"  #{:>3} block #{} VOIDED by the consortium ({}): {}",
			v["at"]["seq"],
			v["at"]["block"],
			v["reason"].as_str().unwrap_or("?"),
			v["voided"]
		));
	}
	for (index, c) in audit["checkpoints"].as_array().into_iter().flatten().enumerate() {
		lines.push(format!(
			"  checkpoint {index} block #{}: {} records, root {}",
			c["block"],
			c["log_size"],
			c["root"].as_str().unwrap_or("?")
		));
	}
	let flagged = audit["flagged"].as_array().cloned().unwrap_or_default();
	if flagged.is_empty() {
		lines.push("no protocol or analysis-plan change after first enrolment".into());
	} else {
		for change in flagged {
			lines.push(format!(
				"FLAG: {} v{} anchored after first enrolment ({})",
				change["key"]["kind"].as_str().unwrap_or("?"),
				change["key"]["version"],
				change["document"]["reason"].as_str().unwrap_or("?")
			));
		}
	}
	lines.join("\n")
}
