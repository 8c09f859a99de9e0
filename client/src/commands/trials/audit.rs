//! `healthchain trial audit`'s text: the trial's timeline for an auditor.

use healthchain_client::{hash::Hash32, trials::TrialAudit};
use serde_json::Value as Json;

/// The audit as text: a timeline and what it flags (`json`, the audit's JSON, shows what the
/// consortium voided).
pub(super) fn audit_text(audit: &TrialAudit, json: &Json) -> String {
	let info = &audit.info;
	let mut lines = vec![format!(
		"trial {} (sponsor organisation {}, tenure {})",
		audit.trial, info.sponsor, info.tenure
	)];
	for entry in audit.documents.items() {
		let (d, key) = (&entry.document, &entry.key);
		lines.push(format!(
			"  #{:>3} block #{} {:?} v{} {:?} {}{}",
			d.anchored.seq,
			d.anchored.block,
			key.kind,
			key.version,
			d.reason,
			Hash32(d.document_hash),
			if entry.void {
				format!(" VOID (tenure {}, anchored by {})", key.tenure, d.anchored_by)
			} else {
				String::new()
			}
		));
	}
	for (milestone, r) in audit.milestones.iter() {
		lines.push(format!(
			"  #{:>3} block #{} milestone {milestone:?} (data log: {} records)",
			r.anchored.seq, r.anchored.block, r.log_size
		));
	}
	let voided = json["voidings"].as_array().cloned().unwrap_or_default();
	for (position, (_, v)) in audit.voidings.items().enumerate() {
		lines.push(format!(
			"  #{:>3} block #{} VOIDED by the consortium ({:?}): {}",
			v.at.seq,
			v.at.block,
			v.reason,
			voided.get(position).map_or(Json::Null, |entry| entry["voiding"]["voided"].clone())
		));
	}
	for (index, checkpoint) in audit.checkpoints.iter().enumerate() {
		if let Some(c) = checkpoint.value() {
			lines.push(format!(
				"  checkpoint {index} block #{}: {} records, root {}",
				c.block,
				c.log_size,
				Hash32(c.root)
			));
		}
	}
	let flagged = audit.flagged();
	if flagged.is_empty() {
		lines.push("no protocol or analysis-plan change after first enrolment".into());
	} else {
		for change in flagged {
			lines.push(format!(
				"FLAG: {:?} v{} anchored after first enrolment ({:?})",
				change.key.kind, change.key.version, change.document.reason
			));
		}
	}
	lines.join("\n")
}
