// `parley`: the command-line front. Dispatches to the subcommands registered in engine/cli/.
#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "command.h"
#include "parley/core/error.h"

namespace {

void print_help() {
  std::cout << "parley " << PARLEY_VERSION << " - Monte Carlo engine for war-termination bargaining\n\n"
            << "usage: parley COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& [name, command] : parley::cli::commands())
    std::cout << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << command.summary << "\n";
  std::cout << "\n'parley help COMMAND' (or 'parley COMMAND --help') describes a command's options.\n";
}

// An option's help starts with the name of its value ("N  number of trials"): the option and the
// value's name form the left column, the description the right one, aligned over all options.
std::pair<std::string, std::string> help_columns(const parley::cli::OptionSpec& option) {
  const auto trimmed = [](const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : text.substr(first);
  };
  std::string description = trimmed(option.help);
  std::string left = option.name;
  if (option.takes_value) {
    const auto end = description.find(' ');
    left += " " + description.substr(0, end);
    description = end == std::string::npos ? std::string() : trimmed(description.substr(end));
  }
  return {left, description};
}

void print_command_help(const parley::cli::Command& command) {
  std::cout << "usage: parley " << command.name << " " << command.usage << "\n\n" << command.summary << "\n";
  if (!command.options.empty()) std::cout << "\noptions:\n";
  std::size_t width = 0;
  for (const auto& option : command.options) width = std::max(width, help_columns(option).first.size());
  for (const auto& option : command.options) {
    const auto [left, description] = help_columns(option);
    std::cout << "  " << left << std::string(width - left.size() + 2, ' ') << description << "\n";
  }
}

// A command named on the command line, or nullptr after saying on stderr that there is none.
const parley::cli::Command* find_command(const std::string& name) {
  const auto& registry = parley::cli::commands();
  const auto found = registry.find(name);
  if (found != registry.end()) return &found->second;
  std::vector<std::string> names;
  for (const auto& entry : registry) names.push_back(entry.first);
  const std::string near = parley::closest_match(name, names);
  std::cerr << "parley: '" << name << "' is not a command" << (near.empty() ? "" : "; did you mean '" + near + "'?")
            << "\nRun 'parley --help' for the list.\n";
  return nullptr;
}

// Problems with the command line name the option, not a place in a JSON document.
void print_command_line_problems(const parley::cli::Command& command, const parley::InputError& error) {
  for (const auto& issue : error.issues()) {
    std::cerr << "parley " << command.name << ": ";
    if (!issue.pointer.empty()) std::cerr << issue.pointer << (issue.value.empty() ? "" : " " + issue.value) << ": ";
    std::cerr << issue.rule << (issue.hint.empty() ? "" : " (" + issue.hint + ")") << "\n";
  }
  std::cerr << "Run 'parley help " << command.name << "' for its options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace parley::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || (args[0] == "help" && args.size() == 1)) {
    print_help();
    return args.empty() ? kExitBadInput : kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "parley " << PARLEY_VERSION << "\n";
    return kExitOk;
  }
  if (args[0] == "help" && args.size() > 1) {
    const Command* command = find_command(args[1]);
    if (command == nullptr) return kExitBadInput;
    print_command_help(*command);
    return kExitOk;
  }
  const Command* found = find_command(args[0]);
  if (found == nullptr) return kExitBadInput;
  const Command& command = *found;
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& arg : rest)
    if (arg == "--help" || arg == "-h") {
      print_command_help(command);
      return kExitOk;
    }
  try {
    return command.run(parse_arguments(command, rest));
  } catch (const parley::InputError& error) {
    if (error.source() == kCommandLine)
      print_command_line_problems(command, error);
    else
      std::cerr << "parley " << command.name << ": " << error.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    std::cerr << "parley " << command.name << ": " << error.what() << "\n";
    return kExitFailure;
  }
}
