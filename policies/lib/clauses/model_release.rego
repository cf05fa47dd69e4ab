# METADATA
# title: MAU tests measured at each model's own release date
# description: >-
#   A builder for licenses whose user test is taken "on the version release date" where one
#   license text governs several releases, each with its own date (Tencent Hunyuan: each model's
#   LICENSE names that model's release date). The month measured is the calendar month before
#   the model's catalog release date; for a model the catalog does not know (its license is
#   declared), the date the license text itself states. Same findings as mau_at_release.
package lib.clauses

import rego.v1

import data.lib.subjects

# mau_at_model_release(license, text_date, limit): `text_date` ("YYYY-MM-DD") is the release date
# the license text states.
mau_at_model_release(license, text_date, limit) := {_mau_finding(license, month, limit, subject) |
	some subject in subjects.models_under(license)
	month := month_before(_release_date(subject, text_date))
}

_date_pattern := `^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}$`

_release_date(subject, text_date) := date if {
	date := subjects.catalog_entry(subject.id).release_date
	is_string(date)
	regex.match(_date_pattern, date)
} else := text_date

# month_before("2025-06-27") == "2025-05"; January goes back a year. A table rather than
# to_number on "06", whose leading zero the engines need not parse alike.
month_before(date) := sprintf("%d-12", [to_number(substring(date, 0, 4)) - 1]) if {
	regex.match(_date_pattern, date)
	substring(date, 5, 2) == "01"
} else := concat("-", [substring(date, 0, 4), _previous[substring(date, 5, 2)]]) if {
	regex.match(_date_pattern, date)
}

_previous := {
	"02": "01", "03": "02", "04": "03", "05": "04", "06": "05", "07": "06",
	"08": "07", "09": "08", "10": "09", "11": "10", "12": "11",
}
