// The command-line program's subcommands. Each lives in its own file in engine/cli/ and
// registers itself (the OpenSpiel registry pattern), so main.cpp never changes for a new verb.
// Commands are thin: they parse options, call the library, and write what it returns.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parley/io/report_format.h"

namespace parley::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the engine failed (I/O, internal)
inline constexpr int kExitBadInput = 2;  // the user's input is invalid (file or options)
// The source named by errors in the options and arguments (as a file name is for a file's).
inline constexpr const char* kCommandLine = "command line";
inline constexpr int kExitInterrupted = 130;  // Ctrl-C: finished part saved

struct OptionSpec {
  std::string name;  // "--trials"
  bool takes_value = true;
  std::string help;  // "N  number of trials (default: the scenario's)"
};

// Parsed arguments: positionals in order, options by name (flags map to "").
struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  [[nodiscard]] bool has(const std::string& name) const { return options.count(name) != 0; }
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
  // Typed getters throw InputError naming the option, the rule and the value.
  // `limit` names where `max` is defined, for a rule that says how to raise it.
  [[nodiscard]] std::optional<long long> get_integer(const std::string& name, long long min, long long max,
                                                     const std::string& limit = {}) const;
  // A seed: an integer in [0, 2^64 - 1], the range a scenario's "seed" takes.
  [[nodiscard]] std::optional<std::uint64_t> get_seed(const std::string& name) const;
  [[nodiscard]] std::string get_choice(const std::string& name, const std::vector<std::string>& choices,
                                       const std::string& fallback) const;
  // --format, restricted to the formats the command's writer lists (e.g. kRunReportFormats).
  [[nodiscard]] ReportFormat get_format(std::span<const ReportFormat> supported, ReportFormat fallback) const;
};

struct Command {
  std::string name;
  std::string summary;  // one line for `parley --help`
  std::string usage;    // "FILE [--trials N] ..."
  std::vector<OptionSpec> options;
  std::size_t min_positional = 0;
  std::size_t max_positional = 1;
  std::function<int(const Arguments&)> run;
};

// Called from a static initialiser in each command's file.
bool register_command(Command command);
const std::map<std::string, Command>& commands();

// Parses argv for one command; unknown options are errors with a did-you-mean hint.
Arguments parse_arguments(const Command& command, const std::vector<std::string>& args);

// Where a command writes its report: standard output, or the file that --out names. Every
// command that writes a file applies the same rule: the file is written whole or not at all
// (core/files.h) and a file the user already has is not replaced unless --force is given.
struct OutputTarget {
  std::optional<std::string> path;  // nothing, "" or "-": standard output
  bool force = false;
  std::string option = "--out";  // as the user wrote it, for messages
  [[nodiscard]] bool is_file() const { return path && !path->empty() && *path != "-"; }
};

// `draft` and `schema` named the option --output before every command took --out; they accept it
// for one more release, saying so on stderr.
enum class OutputAlias { kNone, kDeprecatedOutput };
inline constexpr const char* kOutputAliasRemovedIn = "0.2.0";

// `options` followed by --out and --force (and --output), with the same help in every command.
[[nodiscard]] std::vector<OptionSpec> with_output_options(std::vector<OptionSpec> options,
                                                          OutputAlias alias = OutputAlias::kNone);

// Reads --out (or --output) and --force, and refuses an existing file now, before the work that
// would be lost.
[[nodiscard]] OutputTarget output_target(const Arguments& args, const std::string& command_name);

// An output file the user already has is not replaced unless they said --force (InputError).
void refuse_to_overwrite(const OutputTarget& target);

// Writes `content` to the target. Without --force the commit is exclusive (core/files.h), so a
// file that appeared while the command worked, even one another process committed a moment
// before, is left as it is (InputError, exit 2).
void emit(const std::string& content, const OutputTarget& target);

}  // namespace parley::cli
