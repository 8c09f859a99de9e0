//! Turning decoded SCALE values into readable JSON: byte arrays become `0x…` hex, field-less
//! enum variants become their name, newtypes are unwrapped; with type information, accounts
//! become SS58 addresses.

use scale_info::PortableRegistry;
use serde_json::{json, Map, Value as Json};
use subxt::{
	ext::scale_value::{Composite, Primitive, Value, ValueDef},
	utils::AccountId32,
};

/// The JSON form of a decoded value.
pub fn value_to_json<T>(value: &Value<T>) -> Json {
	to_json(value, &|_| false)
}

/// The JSON form of a composite (struct or tuple).
pub fn composite_to_json<T>(composite: &Composite<T>) -> Json {
	composite_json(composite, &|_| false)
}

/// The JSON form of a composite decoded with its type ids (e.g. an event's fields), with every
/// `AccountId32` in it, however deep, as an SS58 address.
pub fn typed_composite_to_json(composite: &Composite<u32>, types: &PortableRegistry) -> Json {
	let is_account = |id: &u32| {
		types
			.resolve(*id)
			.and_then(|ty| ty.path.segments.last())
			.is_some_and(|name| name == "AccountId32")
	};
	composite_json(composite, &is_account)
}

/// Whether a value's context says it is an account.
type IsAccount<'a, T> = &'a dyn Fn(&T) -> bool;

fn to_json<T>(value: &Value<T>, is_account: IsAccount<T>) -> Json {
	if is_account(&value.context) {
		if let Some(account) = account_bytes(value) {
			return Json::String(AccountId32(account).to_string());
		}
	}
	let value_to_json = |value: &Value<T>| to_json(value, is_account);
	let composite_to_json = |composite: &Composite<T>| composite_json(composite, is_account);
	match &value.value {
		ValueDef::Composite(composite) => composite_to_json(composite),
		ValueDef::Variant(variant) => {
			// Options read as the value or null.
			match (variant.name.as_str(), variant.values.values().count()) {
				("None", 0) => return Json::Null,
				("Some", 1) => {
					if let Some(inner) = variant.values.values().next() {
						return value_to_json(inner);
					}
				},
				_ => {},
			}
			if variant.values.is_empty() {
				Json::String(variant.name.clone())
			} else if let (Composite::Unnamed(values), 1) = (&variant.values, variant.values.len())
			{
				// A newtype variant (`Err(reason)`, `Category(imaging)`) holds its one value.
				json!({ variant.name.clone(): values.first().map(value_to_json) })
			} else {
				json!({ variant.name.clone(): composite_to_json(&variant.values) })
			}
		},
		ValueDef::Primitive(primitive) => primitive_to_json(primitive),
		ValueDef::BitSequence(bits) => Json::String(format!("{bits:?}")),
	}
}

/// The 32 bytes of an `AccountId32([u8; 32])`.
fn account_bytes<T>(value: &Value<T>) -> Option<[u8; 32]> {
	let ValueDef::Composite(Composite::Unnamed(outer)) = &value.value else { return None };
	let bytes = match outer.as_slice() {
		[inner] => match &inner.value {
			ValueDef::Composite(Composite::Unnamed(bytes)) => as_bytes(bytes)?,
			_ => return None,
		},
		bytes => as_bytes(bytes)?,
	};
	bytes.try_into().ok()
}

fn composite_json<T>(composite: &Composite<T>, is_account: IsAccount<T>) -> Json {
	let value_to_json = |value: &Value<T>| to_json(value, is_account);
	match composite {
		Composite::Named(fields) => {
			let mut map = Map::new();
			for (name, value) in fields {
				map.insert(name.clone(), value_to_json(value));
			}
			Json::Object(map)
		},
		Composite::Unnamed(values) => {
			if let Some(bytes) = as_bytes(values) {
				return Json::String(format!("0x{}", hex::encode(bytes)));
			}
			match values.as_slice() {
				// A newtype around a sequence (`H256([u8; 32])`, `BoundedVec(Vec<_>)`) reads as
				// its content. A one-element sequence of structs, enums or numbers stays a list.
				[single] if matches!(single.value, ValueDef::Composite(Composite::Unnamed(_))) => {
					value_to_json(single)
				},
				_ => Json::Array(values.iter().map(value_to_json).collect()),
			}
		},
	}
}

fn primitive_to_json(primitive: &Primitive) -> Json {
	match primitive {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) => {
			u64::try_from(*n).map(Json::from).unwrap_or_else(|_| n.to_string().into())
		},
		Primitive::I128(n) => {
			i64::try_from(*n).map(Json::from).unwrap_or_else(|_| n.to_string().into())
		},
		Primitive::U256(bytes) | Primitive::I256(bytes) => {
			Json::String(format!("0x{}", hex::encode(bytes)))
		},
	}
}

/// Rewrite the 32-byte values (hex) of the fields named `fields`, anywhere in `json`, as SS58
/// addresses: the account fields of a runtime API answer.
pub fn accounts_to_ss58(json: &mut Json, fields: &[&str]) {
	match json {
		Json::Object(map) => {
			for (key, value) in map.iter_mut() {
				if fields.contains(&key.as_str()) {
					if let Some(account) = value.as_str().and_then(parse_hex32) {
						*value = Json::String(AccountId32(account).to_string());
						continue;
					}
				}
				accounts_to_ss58(value, fields);
			}
		},
		Json::Array(values) => values.iter_mut().for_each(|value| accounts_to_ss58(value, fields)),
		_ => {},
	}
}

fn parse_hex32(text: &str) -> Option<[u8; 32]> {
	hex::decode(text.strip_prefix("0x")?).ok()?.try_into().ok()
}

/// The bytes of a sequence of at least two `u8`-sized numbers, if that is what it is.
fn as_bytes<T>(values: &[Value<T>]) -> Option<Vec<u8>> {
	if values.len() < 2 {
		return None;
	}
	values
		.iter()
		.map(|value| match &value.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).ok(),
			_ => None,
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn renders_hashes_variants_and_numbers() {
		let hash = Value::unnamed_composite([Value::unnamed_composite(
			(0..32u8).map(|b| Value::u128(b.into())),
		)]);
		let value = Value::named_composite([
			("organisation", Value::u128(7)),
			("kind", Value::unnamed_variant("Hospital", [])),
			("profile_hash", hash),
			("big", Value::u128(u128::MAX)),
		]);
		let json = value_to_json(&value);
		assert_eq!(json["organisation"], 7);
		assert_eq!(json["kind"], "Hospital");
		assert_eq!(json["big"], u128::MAX.to_string());
		assert!(json["profile_hash"].as_str().unwrap().starts_with("0x000102"));
	}

	#[test]
	fn keeps_one_element_lists_of_structs_as_lists() {
		let one = Value::unnamed_composite([Value::named_composite([("id", Value::u128(1))])]);
		assert_eq!(value_to_json(&one), json!([{ "id": 1 }]));
		let bounded =
			Value::unnamed_composite([Value::unnamed_composite([Value::unnamed_variant(
				"Read",
				[],
			)])]);
		assert_eq!(value_to_json(&bounded), json!(["Read"]));
		let some =
			Value::unnamed_variant("Some", [Value::named_composite([("id", Value::u128(1))])]);
		assert_eq!(value_to_json(&some), json!({ "id": 1 }));
		assert_eq!(value_to_json(&Value::unnamed_variant("None", [])), Json::Null);
		let err = Value::unnamed_variant("Err", [Value::unnamed_variant("Suspended", [])]);
		assert_eq!(value_to_json(&err), json!({ "Err": "Suspended" }));
	}

	#[test]
	fn typed_values_render_accounts_as_ss58_and_other_hashes_as_hex() {
		use codec::Encode;
		use scale_info::{meta_type, Registry, TypeInfo};
		use subxt::ext::scale_value::{scale::decode_as_type, Composite};

		#[derive(Encode, TypeInfo)]
		struct Event {
			who: AccountId32,
			delegates: Vec<AccountId32>,
			maybe: Option<AccountId32>,
			hash: [u8; 32],
		}
		let mut registry = Registry::new();
		let id = registry.register_type(&meta_type::<Event>()).id;
		let types: PortableRegistry = registry.into();
		let alice = AccountId32([1; 32]);
		let event =
			Event { who: alice, delegates: vec![alice, alice], maybe: Some(alice), hash: [1; 32] };
		let value = decode_as_type(&mut &event.encode()[..], id, &types).expect("decodes");
		let ValueDef::Composite(fields @ Composite::Named(_)) = value.value else {
			panic!("a struct decodes as named fields")
		};
		let json = typed_composite_to_json(&fields, &types);
		let ss58 = alice.to_string();
		assert_eq!(json["who"], ss58.as_str());
		assert_eq!(json["delegates"], json!([ss58, ss58]));
		assert_eq!(json["maybe"], ss58.as_str());
		assert_eq!(json["hash"], format!("0x{}", "01".repeat(32)), "only accounts are converted");
		// Without type information the same account stays hex.
		assert_eq!(composite_to_json(&fields)["who"], format!("0x{}", "01".repeat(32)));
	}
}
