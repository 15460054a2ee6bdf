#include "command.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <limits>

#include "parley/core/error.h"
#include "parley/core/files.h"

namespace parley::cli {

namespace {
std::map<std::string, Command>& registry() {
  static std::map<std::string, Command> commands;
  return commands;
}

InputError existing_file_error(const OutputTarget& target, const std::string& when) {
  return InputError(kCommandLine, {{target.option, "must not name an existing file unless --force is given" + when,
                                    "'" + *target.path + "'", ""}});
}
}  // namespace

bool register_command(Command command) {
  const std::string name = command.name;
  registry().emplace(name, std::move(command));
  return true;
}

const std::map<std::string, Command>& commands() {
  return registry();
}

std::optional<std::string> Arguments::get(const std::string& name) const {
  const auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::optional<long long> Arguments::get_integer(const std::string& name, long long min, long long max,
                                                const std::string& limit) const {
  const auto text = get(name);
  if (!text) return std::nullopt;
  std::string rule = "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!limit.empty()) rule += " (the upper limit is " + limit + "; raise it there and rebuild)";
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(*text, &used);
  } catch (const std::exception&) {
    throw InputError(kCommandLine, {{name, rule, "'" + *text + "'", ""}});
  }
  if (used != text->size() || value < min || value > max)
    throw InputError(kCommandLine, {{name, rule, "'" + *text + "'", ""}});
  return value;
}

std::optional<std::uint64_t> Arguments::get_seed(const std::string& name) const {
  const auto text = get(name);
  if (!text) return std::nullopt;
  const std::string rule = "must be an integer in [0, " + std::to_string(std::numeric_limits<std::uint64_t>::max()) +
                           "] (2^64 - 1, as a scenario's \"seed\")";
  // Digits only: std::stoull reads "-1" as 2^64 - 1.
  const bool digits =
      !text->empty() && std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
  std::uint64_t value = 0;
  try {
    if (digits) value = std::stoull(*text);
  } catch (const std::exception&) {
    throw InputError("command line", {{name, rule, "'" + *text + "'", ""}});
  }
  if (!digits) throw InputError("command line", {{name, rule, "'" + *text + "'", ""}});
  return value;
}

std::string Arguments::get_choice(const std::string& name, const std::vector<std::string>& choices,
                                  const std::string& fallback) const {
  const auto text = get(name);
  if (!text) return fallback;
  for (const auto& choice : choices)
    if (*text == choice) return choice;
  std::string rule = "must be one of";
  for (const auto& choice : choices) rule += " " + choice;
  throw InputError(kCommandLine, {{name, rule, "'" + *text + "'", ""}});
}

ReportFormat Arguments::get_format(std::span<const ReportFormat> supported, ReportFormat fallback) const {
  std::vector<std::string> names;
  for (const ReportFormat format : supported) names.emplace_back(report_format_name(format));
  const std::string chosen = get_choice("--format", names, std::string(report_format_name(fallback)));
  return report_format_named(chosen).value_or(fallback);
}

Arguments parse_arguments(const Command& command, const std::vector<std::string>& args) {
  // CLI11 reads the words (values after the option or after '=', flags, repeats: the last one
  // counts); the problems are reported here, each naming the option, as every other input error
  // names its place.
  CLI::App app{command.summary, "parley " + command.name};
  app.set_help_flag();  // `--help` is main.cpp's, before parsing
  app.allow_extras();   // unknown options are reported below, with a did-you-mean hint
  app.positionals_at_end(false);
  std::vector<std::string> positional;
  app.add_option("arguments", positional);
  std::vector<std::string> known;
  std::map<std::string, CLI::Option*> declared;
  for (const auto& option : command.options) {
    known.push_back(option.name);
    declared[option.name] = option.takes_value
                                ? app.add_option(option.name)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
                                : app.add_flag(option.name);
  }
  IssueCollector issues;
  // A value-taking option with nothing after it, or another option after it ("--out --force"),
  // has no value: said here in parley's words, and the option is not read (CLI11 would take
  // "--force" for a path).
  std::vector<std::string> words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto option = declared.find(args[i]);
    const bool takes_value = option != declared.end() && option->second->get_expected_min() > 0;
    if (takes_value && (i + 1 == args.size() || args[i + 1].rfind("--", 0) == 0)) {
      issues.add(args[i], "needs a value");
      continue;
    }
    words.push_back(args[i]);
  }
  try {
    std::vector<std::string> reversed(words.rbegin(), words.rend());  // CLI11 takes them last first
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    issues.add("", error.what());
    issues.throw_if_any(kCommandLine);
  }
  Arguments parsed;
  for (const auto& word : app.remaining()) {
    if (word.rfind("--", 0) != 0) {
      parsed.positional.push_back(word);  // a word that only looks like a short option ("-x")
      continue;
    }
    const std::string name = word.substr(0, word.find('='));
    const std::string near = closest_match(name, known);
    issues.add(name, "is not an option of 'parley " + command.name + "'", "",
               near.empty() ? "" : "did you mean '" + near + "'?");
  }
  parsed.positional.insert(parsed.positional.begin(), positional.begin(), positional.end());
  for (const auto& [name, option] : declared) {
    if (option->count() == 0) continue;
    parsed.options[name] = option->get_expected_min() > 0 ? option->as<std::string>() : "";
  }
  if (parsed.positional.size() < command.min_positional || parsed.positional.size() > command.max_positional)
    issues.add("", "usage: parley " + command.name + " " + command.usage);
  issues.throw_if_any(kCommandLine);
  return parsed;
}

std::vector<OptionSpec> with_output_options(std::vector<OptionSpec> options, OutputAlias alias) {
  options.push_back({"--out", true, "PATH  write the report here (whole or not at all) instead of stdout"});
  options.push_back({"--force", false, "allow --out to replace an existing file"});
  if (alias == OutputAlias::kDeprecatedOutput)
    options.push_back(
        {"--output", true, std::string("PATH  deprecated name of --out, removed in parley ") + kOutputAliasRemovedIn});
  return options;
}

OutputTarget output_target(const Arguments& args, const std::string& command_name) {
  OutputTarget target{args.get("--out"), args.has("--force"), "--out"};
  if (const auto alias = args.get("--output")) {
    if (target.path)
      throw InputError(kCommandLine, {{"--output", "cannot be combined with --out, which replaces it", "", ""}});
    std::cerr << "parley " << command_name << ": --output is deprecated and will be removed in parley "
              << kOutputAliasRemovedIn << "; use --out (which, like --output now, replaces an existing file only "
              << "with --force)\n";
    target.path = alias;
    target.option = "--output";
  }
  refuse_to_overwrite(target);
  return target;
}

void refuse_to_overwrite(const OutputTarget& target) {
  if (!target.is_file() || target.force) return;
  struct stat info {};
  if (::stat(target.path->c_str(), &info) == 0 && !S_ISDIR(info.st_mode)) throw existing_file_error(target, "");
}

void emit(const std::string& content, const OutputTarget& target) {
  if (!target.is_file()) {
    std::cout << content;
    std::cout.flush();
    return;
  }
  // output_target() refused a file that was there at the start; the exclusive commit refuses one
  // that appeared since (a second `parley --out` on the same path that finished first).
  try {
    write_file_atomically(*target.path, content, target.force ? WriteMode::kReplace : WriteMode::kNoReplace);
  } catch (const TargetExistsError&) {
    throw existing_file_error(target, " (it appeared while parley worked, and is left as it is)");
  }
}

}  // namespace parley::cli
