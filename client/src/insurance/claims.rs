//! The claims of a coverage as the client's files write them, and the claims file an
//! insurer's system exports.

use super::*;

/// A claim as the client's files write it: `{"claim": "plan", "value": "GOLD-2026"}`,
/// `{"claim": "coverage", "value": "telemedicine"}`, `{"claim": "period", "value": {"start":
/// <ms>, "end": <ms>}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "claim", content = "value", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClaimJson {
	/// [`Claim::Plan`].
	Plan(String),
	/// [`Claim::Member`].
	Member(String),
	/// [`Claim::Coverage`].
	Coverage(CoverageClass),
	/// [`Claim::NetworkTier`].
	NetworkTier(String),
	/// [`Claim::CopayClass`].
	CopayClass(String),
	/// [`Claim::Period`], Unix milliseconds, `end` excluded.
	Period {
		/// Its first moment.
		start: u64,
		/// The first moment after it.
		end: u64,
	},
}

impl ClaimJson {
	/// The claim the tree commits to.
	pub fn claim(&self) -> Claim {
		match self {
			ClaimJson::Plan(text) => Claim::Plan(text.as_bytes().to_vec()),
			ClaimJson::Member(text) => Claim::Member(text.as_bytes().to_vec()),
			ClaimJson::Coverage(class) => Claim::Coverage(*class),
			ClaimJson::NetworkTier(text) => Claim::NetworkTier(text.as_bytes().to_vec()),
			ClaimJson::CopayClass(text) => Claim::CopayClass(text.as_bytes().to_vec()),
			ClaimJson::Period { start, end } => Claim::Period { start: *start, end: *end },
		}
	}

	/// The name it is disclosed by (`plan`, `telemedicine`, ...).
	pub fn name(&self) -> &'static str {
		self.claim().name()
	}

	/// The claim for people: `plan GOLD-2026`, `coverage telemedicine`, `period 2026-01-01 to
	/// 2026-12-31`. Control characters in a text are shown escaped: a presentation is untrusted
	/// input, and its text must not rewrite the verifier's terminal.
	pub fn describe(&self) -> String {
		printable(&self.describe_raw())
	}

	fn describe_raw(&self) -> String {
		match self {
			ClaimJson::Plan(text) => format!("plan {text}"),
			ClaimJson::Member(text) => format!("member {text}"),
			ClaimJson::Coverage(class) => format!("coverage {}", class.name()),
			ClaimJson::NetworkTier(text) => format!("network tier {text}"),
			ClaimJson::CopayClass(text) => format!("co-payment class {text}"),
			ClaimJson::Period { start, end } => {
				format!("period {} to {}", date(*start), date(end.saturating_sub(1)))
			},
		}
	}
}

/// A coverage as an insurer's system exports it for one patient.
///
/// ```json
/// { "plan": "GOLD-2026", "member": "M-0012345",
///   "coverage": ["inpatient", "outpatient", "pharmacy", "telemedicine"],
///   "network_tier": "preferred", "copay_class": "B",
///   "period": { "start": "2026-01-01", "end": "2026-12-31" } }
/// ```
///
/// or the same as TOML. Dates are UTC days; `end` is the last day covered.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
	/// The plan's id.
	pub plan: String,
	/// The patient's member id.
	pub member: String,
	/// The classes of care covered, at least one.
	pub coverage: Vec<CoverageClass>,
	/// The provider network tier.
	#[serde(default)]
	pub network_tier: Option<String>,
	/// The co-payment class.
	#[serde(default)]
	pub copay_class: Option<String>,
	/// The coverage period.
	pub period: PeriodFile,
}

/// A coverage period as UTC dates, both covered (`YYYY-MM-DD`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile {
	/// The first day covered.
	pub start: String,
	/// The last day covered.
	pub end: String,
}

impl ClaimsFile {
	/// Read a claims file: TOML if its name ends in `.toml`, JSON otherwise.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read the claims file {}: {e}", path.display())))?;
		let parsed = if path.extension().is_some_and(|ext| ext == "toml") {
			toml::from_str(&text).map_err(|e| e.to_string())
		} else {
			serde_json::from_str(&text).map_err(|e| e.to_string())
		};
		parsed.map_err(|e| invalid(format!("bad claims file {}: {e}", path.display())))
	}

	/// The claims, checked: texts of 1 to [`MAX_CLAIM_TEXT`] bytes, at least one class and no
	/// class twice, a period that ends on or after the day it starts.
	pub fn claims(&self) -> Result<Vec<ClaimJson>> {
		let text = |name: &str, value: &str| -> Result<String> {
			if value.is_empty() || value.len() > MAX_CLAIM_TEXT {
				return Err(invalid(format!(
					"bad claims file: {name} must have 1 to {MAX_CLAIM_TEXT} bytes, not {}",
					value.len()
				)));
			}
			Ok(value.to_string())
		};
		let mut claims = vec![
			ClaimJson::Plan(text("plan", &self.plan)?),
			ClaimJson::Member(text("member", &self.member)?),
		];
		if self.coverage.is_empty() {
			return Err(invalid("bad claims file: coverage lists no class of care"));
		}
		let mut classes = self.coverage.clone();
		classes.sort();
		classes.dedup();
		if classes.len() != self.coverage.len() {
			return Err(invalid("bad claims file: coverage lists a class twice"));
		}
		claims.extend(classes.into_iter().map(ClaimJson::Coverage));
		if let Some(tier) = &self.network_tier {
			claims.push(ClaimJson::NetworkTier(text("network_tier", tier)?));
		}
		if let Some(class) = &self.copay_class {
			claims.push(ClaimJson::CopayClass(text("copay_class", class)?));
		}
		let (start, end) = self.period()?;
		claims.push(ClaimJson::Period { start, end });
		Ok(claims)
	}

	/// The period as Unix milliseconds: from the start day's first moment to the moment after
	/// the end day.
	pub fn period(&self) -> Result<(u64, u64)> {
		let start = parse_date(&self.period.start)?;
		let end = parse_date(&self.period.end)?
			.checked_add(DAY_MS)
			.ok_or_else(|| invalid("bad claims file: the period ends too late"))?;
		if end <= start {
			return Err(invalid(format!(
				"bad claims file: the period ends ({}) before it starts ({})",
				self.period.end, self.period.start
			)));
		}
		Ok((start, end))
	}
}

/// `YYYY-MM-DD` (UTC) as the Unix milliseconds of its first moment.
pub fn parse_date(text: &str) -> Result<u64> {
	let bad = || invalid(format!("bad date {text:?}: give YYYY-MM-DD, e.g. 2026-01-01"));
	// The shape first, digit by digit: chrono also reads `2026-1-1` and `26-01-01`.
	let shaped = text.len() == 10
		&& text.bytes().enumerate().all(|(i, b)| match i {
			4 | 7 => b == b'-',
			_ => b.is_ascii_digit(),
		});
	if !shaped {
		return Err(bad());
	}
	let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
	let ms = day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp_millis();
	u64::try_from(ms).map_err(|_| bad())
}

/// The UTC date (`YYYY-MM-DD`) of Unix milliseconds `ms`.
pub fn date(ms: u64) -> String {
	i64::try_from(ms)
		.ok()
		.and_then(chrono::DateTime::from_timestamp_millis)
		.map(|time| time.format("%Y-%m-%d").to_string())
		.unwrap_or_else(|| format!("{ms} ms"))
}
