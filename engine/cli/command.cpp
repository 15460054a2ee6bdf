#include "command.h"

#include <iostream>

#include "parley/core/error.h"
#include "parley/core/files.h"

namespace parley::cli {

namespace {
std::map<std::string, Command>& registry() {
  static std::map<std::string, Command> commands;
  return commands;
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
    throw InputError("command line", {{name, rule, "'" + *text + "'", ""}});
  }
  if (used != text->size() || value < min || value > max)
    throw InputError("command line", {{name, rule, "'" + *text + "'", ""}});
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
  throw InputError("command line", {{name, rule, "'" + *text + "'", ""}});
}

Arguments parse_arguments(const Command& command, const std::vector<std::string>& args) {
  Arguments parsed;
  IssueCollector issues;
  std::vector<std::string> known;
  for (const auto& option : command.options) known.push_back(option.name);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "-") {
      parsed.positional.push_back(arg);
      continue;
    }
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& option : command.options)
      if (option.name == arg) spec = &option;
    if (spec == nullptr) {
      const std::string near = closest_match(arg, known);
      issues.add(arg, "is not an option of 'parley " + command.name + "'", "",
                 near.empty() ? "" : "did you mean '" + near + "'?");
      continue;
    }
    if (!spec->takes_value) {
      parsed.options[arg] = "";
      continue;
    }
    if (inline_value) {
      parsed.options[arg] = *inline_value;
    } else if (i + 1 < args.size()) {
      parsed.options[arg] = args[++i];
    } else {
      issues.add(arg, "needs a value");
    }
  }
  if (parsed.positional.size() < command.min_positional || parsed.positional.size() > command.max_positional)
    issues.add("", "usage: parley " + command.name + " " + command.usage);
  issues.throw_if_any("command line");
  return parsed;
}

void emit(const std::string& content, const std::optional<std::string>& path) {
  if (!path || path->empty() || *path == "-") {
    std::cout << content;
    std::cout.flush();
    return;
  }
  write_file_atomically(*path, content);
}

}  // namespace parley::cli
