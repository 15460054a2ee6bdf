// The talks formats (docs/model.md 10), one row each: how the scenario spells it, who sits at the
// table, whether a mediator narrows the gap between the belligerents' beliefs, whether the talks
// run in two tracks, and the article that argues for it. The loader, the schema and the table
// (bargaining/table/: seating, ripeness, solving) all read these rows; a new format is a new enum
// value and a new row, plus the table code for any behaviour no existing column describes
// (docs/architecture.md, "Recipes").
#pragma once

#include <array>
#include <string_view>

namespace parley {

enum class TalksFormat { kBilateral, kMediated, kBroadened, kTwoTrack };

struct TalksFormatTraits {
  TalksFormat format;
  std::string_view name;
  // The third parties (the USA, the EU) sit at the table, so their issues can be negotiated;
  // otherwise their issues stay at the status quo.
  bool third_parties_seated;
  // A mediator closes params.talks.mediation_share of the gap between the belligerents' beliefs
  // about the drift before either values war.
  bool mediated;
  // The third parties' issues are settled first (Russia and NATO), then the belligerents' with
  // those terms fixed (Ukraine and Russia): no trade across tracks.
  bool two_tracks;
  std::string_view description;
  std::string_view source;
};

inline constexpr std::array<TalksFormatTraits, 4> kTalksFormats{{
    {TalksFormat::kBilateral, "bilateral", false, false, false,
     "Ukraine and Russia; third parties' issues stay at the status quo",
     "the format article 000_1c430494338ec1cd.txt argues against broadening"},
    {TalksFormat::kMediated, "mediated", false, true, false,
     "bilateral, with a mediator who narrows the gap between the sides' beliefs",
     "assumption: a mediator as a channel of information that narrows the sides' disagreement about the war's course"},
    {TalksFormat::kBroadened, "broadened", true, false, false,
     "the USA and the EU at the table: every issue negotiable",
     "article 000_1c430494338ec1cd.txt: \"Broadening the negotiations to involve the United States and Russia, as well "
     "as the European Union\""},
    {TalksFormat::kTwoTrack, "two_track", true, false, true,
     "Ukraine-Russia on their issues, Russia-NATO on the rest; no cross-track trades",
     "article 003_988e103d22ba0a09.txt: \"the launch of two-track peace talks\""},
}};

[[nodiscard]] constexpr const TalksFormatTraits& traits_of(TalksFormat format) noexcept {
  for (const auto& row : kTalksFormats)
    if (row.format == format) return row;
  return kTalksFormats[0];
}

}  // namespace parley
