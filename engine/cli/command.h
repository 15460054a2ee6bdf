// The command-line program's subcommands. Each lives in its own file in engine/cli/ and
// registers itself (the OpenSpiel registry pattern), so main.cpp never changes for a new verb.
// Commands are thin: they parse options, call the library, and write what it returns.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parley::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;        // the engine failed (I/O, internal)
inline constexpr int kExitBadInput = 2;       // the user's input is invalid (file or options)
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
  [[nodiscard]] std::string get_choice(const std::string& name, const std::vector<std::string>& choices,
                                       const std::string& fallback) const;
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

// Writes `content` to `path` (whole or not at all), or to stdout when path is empty or "-".
void emit(const std::string& content, const std::optional<std::string>& path);

}  // namespace parley::cli
