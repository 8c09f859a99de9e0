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
