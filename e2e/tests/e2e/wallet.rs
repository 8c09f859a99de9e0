//! Signing as a hardware wallet does: `CheckMetadataHash` enabled, committing to the RFC 78
//! metadata hash, so the device can show what it signs without trusting the host.
//!
//! A runtime built with the `metadata-hash` feature (release builds) knows its own hash and
//! accepts the signature only if the hash signed is that one; a runtime built without it must
//! refuse every transaction that enables the check rather than accept an unchecked claim. The
//! suite's default build is the latter; `scripts/release-check.sh` builds the former and runs
//! this test with `HEALTHCHAIN_EXPECT_METADATA_HASH=1`.

use crate::{as_signer, ok};
use healthchain_e2e::Node;

/// `suri` registers a clinic, signing with the global flags `signing` (e.g. `--metadata-hash`).
fn register(node: &Node, suri: &str, signing: &[&str]) -> healthchain_e2e::ClientRun {
	let profile = format!("0x{}", "cd".repeat(32));
	let mut args = signing.to_vec();
	args.extend(["registry", "register", "--kind", "clinic", "--profile-hash", &profile]);
	as_signer(node, suri, &args)
}

/// The organisation `suri`'s account acts for, if any.
fn organisation_of(node: &Node, suri: &str) -> Option<u64> {
	let account = ok(node.client(&["--suri", suri, "account"]).expect("client runs"));
	let account = account.json["account"].as_str().expect("an account").to_string();
	let whois = ok(node.client(&["registry", "whois", &account]).expect("client runs"));
	whois.json["organisation"].as_u64()
}

#[test]
fn signing_with_the_metadata_hash() {
	let node = Node::start_dev().expect("dev node starts and finalizes");

	// The hash the client computes from the node's metadata, and what it covers.
	let first = ok(node.client(&["metadata-hash"]).expect("client runs"));
	let hash = first.json["metadata_hash"].as_str().expect("a hash").to_string();
	assert!(hash.starts_with("0x") && hash.len() == 66, "{hash}");
	assert_eq!(first.json["spec_name"], "healthchain");
	assert_eq!(first.json["token_symbol"], "HCT");
	assert_eq!(first.json["decimals"], 12);
	assert_eq!(first.json["ss58_prefix"], 42);
	let again = ok(node.client(&["metadata-hash"]).expect("client runs"));
	assert_eq!(again.json["metadata_hash"], hash.as_str(), "the hash is deterministic");

	// A malformed hash is invalid input (exit 2), before anything is signed.
	let malformed = register(&node, "//Bob", &["--metadata-hash=0x1234"]);
	assert_eq!(malformed.code, 2, "{:?} {}", malformed.json, malformed.stderr);
	assert!(malformed.stderr.contains("32 bytes"), "{}", malformed.stderr);

	let wrong = format!("--metadata-hash=0x{}", "00".repeat(32));
	let given = format!("--metadata-hash={hash}");

	if std::env::var("HEALTHCHAIN_EXPECT_METADATA_HASH").as_deref() == Ok("1") {
		// A release runtime: the hash computed from the node, or the same hash given
		// explicitly, is accepted; another hash makes the signature invalid.
		ok(register(&node, "//Bob", &["--metadata-hash"]));
		assert!(organisation_of(&node, "//Bob").is_some());
		ok(register(&node, "//Charlie", &[&given]));
		assert!(organisation_of(&node, "//Charlie").is_some());
		let refused = register(&node, "//Dave", &[&wrong]);
		assert_eq!(refused.code, 1, "{:?} {}", refused.json, refused.stderr);
		assert_eq!(refused.error(), Some("MetadataHashMismatch"), "{:?}", refused.json);
		assert_eq!(organisation_of(&node, "//Dave"), None, "the refused one changed nothing");
	} else {
		// A runtime without the feature refuses the check, whatever the hash, and says why.
		for flag in ["--metadata-hash", given.as_str(), wrong.as_str()] {
			let refused = register(&node, "//Bob", &[flag]);
			assert_eq!(refused.code, 1, "{:?} {}", refused.json, refused.stderr);
			assert_eq!(refused.error(), Some("MetadataHashUnsupported"), "{:?}", refused.json);
		}
		assert_eq!(organisation_of(&node, "//Bob"), None, "nothing was registered");
		// Signed with the check disabled (the default), the same call goes through.
		ok(register(&node, "//Bob", &[]));
		assert!(organisation_of(&node, "//Bob").is_some());
	}
}

/// The metadata the client's code is generated from (`client/metadata/healthchain.scale`) is
/// the running node's: the runtime test `client_metadata_is_this_runtimes` checks it against
/// the runtime's native build, this against the wasm the node executes.
#[test]
fn the_clients_metadata_is_the_nodes() {
	let node = Node::start_dev().expect("node starts");
	let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
	let served = runtime.block_on(async {
		let chain = healthchain_client::Chain::connect(&node.url()).await.expect("connects");
		chain.metadata_v15().await.expect("the node serves metadata v15")
	});
	let committed = include_bytes!("../../../client/metadata/healthchain.scale");
	assert!(
		served == committed,
		"the node's metadata ({} bytes) is not client/metadata/healthchain.scale ({} bytes): \
		 run scripts/update-metadata.sh",
		served.len(),
		committed.len()
	);
}

/// A transaction the runtime refuses to validate is not submitted, and the refusal is named by
/// its kind (the runtime's `InvalidTransaction`), not by a node's message text.
#[test]
fn a_signer_who_cannot_pay_is_refused_before_inclusion() {
	let node = Node::start_dev().expect("node starts");
	let refused = register(&node, "//NobodyFundedThis", &[]);
	assert_eq!(refused.code, 1, "{:?} {}", refused.json, refused.stderr);
	assert_eq!(refused.error(), Some("Invalid.Payment"), "{:?}", refused.json);
	assert_eq!(organisation_of(&node, "//NobodyFundedThis"), None, "nothing was registered");
}
