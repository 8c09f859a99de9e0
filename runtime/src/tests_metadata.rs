//! What wallets read from the metadata alone: no field of healthchain's own types is called
//! `hash`. polkadot.js renames such a field `hash_`, and reading `.hash` then silently returns
//! the hash of the whole struct — the wrong document hash, with no error.

use frame_support::__private::metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use scale_info::TypeDef;

/// The crates whose types are healthchain's (the runtime's own, its pallets', its primitives').
const OURS: [&str; 8] = [
	"healthchain_runtime",
	"healthchain_primitives",
	"pallet_registry",
	"pallet_health_tokens",
	"pallet_consent",
	"pallet_registry_runtime_api",
	"pallet_health_tokens_runtime_api",
	"pallet_consent_runtime_api",
];

#[test]
fn no_field_of_our_types_is_called_hash() {
	let metadata =
		crate::Runtime::metadata_at_version(15).expect("the runtime serves metadata v15");
	let metadata: RuntimeMetadataPrefixed =
		codec::Decode::decode(&mut &metadata[..]).expect("metadata decodes");
	let RuntimeMetadata::V15(metadata) = metadata.1 else { panic!("not metadata v15") };
	let mut ours = 0;
	let mut offending = Vec::new();
	for ty in &metadata.types.types {
		let path = ty.ty.path.segments.join("::");
		if !OURS.iter().any(|krate| path.starts_with(krate)) {
			continue;
		}
		ours += 1;
		let fields: Vec<_> = match &ty.ty.type_def {
			TypeDef::Composite(composite) => composite.fields.iter().collect(),
			TypeDef::Variant(variant) => variant.variants.iter().flat_map(|v| &v.fields).collect(),
			_ => continue,
		};
		for field in fields {
			if field.name.as_deref() == Some("hash") {
				offending.push(path.clone());
			}
		}
	}
	assert!(ours > 50, "only {ours} of healthchain's types found: is the path filter right?");
	assert!(offending.is_empty(), "fields called `hash` in {offending:?}");
}

/// Where the client's code is generated from: this runtime's metadata (v15), committed.
const CLIENT_METADATA: &str =
	concat!(env!("CARGO_MANIFEST_DIR"), "/../client/metadata/healthchain.scale");

/// The command that rewrites [`CLIENT_METADATA`] from this runtime.
const UPDATE_METADATA: &str = "scripts/update-metadata.sh";

/// The client's calls, events, runtime API answers and errors are generated (subxt's static
/// code generation) from the committed metadata: it must be this runtime's, or the client
/// builds calls the node refuses. With `HEALTHCHAIN_WRITE_METADATA` set, the test writes it
/// instead (what `scripts/update-metadata.sh` does).
#[test]
fn client_metadata_is_this_runtimes() {
	let metadata =
		crate::Runtime::metadata_at_version(15).expect("the runtime serves metadata v15");
	if std::env::var_os("HEALTHCHAIN_WRITE_METADATA").is_some() {
		std::fs::write(CLIENT_METADATA, &*metadata).expect("writes the client's metadata");
		return;
	}
	let committed = std::fs::read(CLIENT_METADATA).unwrap_or_default();
	assert!(
		committed == *metadata,
		"client/metadata/healthchain.scale ({} bytes) is not this runtime's metadata ({} bytes): \
		 regenerate it with `{UPDATE_METADATA}`, then build the client and fix what no longer \
		 compiles",
		committed.len(),
		metadata.len(),
	);
}
