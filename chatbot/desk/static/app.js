/*
 * The Clerk's desk (MIT, part of councilbot). Plain JavaScript, no dependencies: every call
 * to the API carries Telegram's signed init data; every text from the API is put in the page
 * with textContent, never as HTML.
 */
(function () {
  "use strict";

  var webApp = (window.Telegram && window.Telegram.WebApp) || null;
  var initData = webApp ? webApp.initData : "";
  var me = null;
  var loaded = {};
  var RULE_COLOURS = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"
  ];

  // helpers ---------------------------------------------------------------------------

  function $(id) {
    return document.getElementById(id);
  }

  function h(tag, attributes) {
    var node = document.createElement(tag);
    var extra = Array.prototype.slice.call(arguments, 2);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key === "text") {
        node.textContent = String(value);
      } else if (key === "onclick") {
        node.addEventListener("click", value);
      } else {
        node.setAttribute(key, value === true ? "" : String(value));
      }
    });
    extra.forEach(function (child) {
      if (child === null || child === undefined) {
        return;
      }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") {
        node.textContent = String(attributes[key]);
      } else {
        node.setAttribute(key, String(attributes[key]));
      }
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  function say(text, isError) {
    var status = $("status");
    status.textContent = text || "";
    status.className = "status" + (isError ? " error" : "");
  }

  function may(right) {
    return !!me && me.rights.indexOf(right) >= 0;
  }

  function api(path, options) {
    var init = {
      method: (options && options.method) || "GET",
      headers: { Authorization: "tma " + initData, Accept: "application/json" }
    };
    if (options && options.body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    return fetch("api/" + path, init).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.error || "The desk could not do that (" + response.status + ").");
          error.status = response.status;
          throw error;
        }
        return body;
      });
    });
  }

  function formData(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) {
        return;
      }
      data[field.name] = field.type === "checkbox" ? field.checked : field.value;
    });
    return data;
  }

  function busy(button, promise) {
    if (button) {
      button.disabled = true;
    }
    return promise.then(function (value) {
      if (button) {
        button.disabled = false;
      }
      return value;
    }, function (error) {
      if (button) {
        button.disabled = false;
      }
      say(error.message, true);
      throw error;
    });
  }

  function onSubmit(form, handler) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      busy(button, handler(formData(form), form)).catch(function () {});
    });
  }

  function empty(text) {
    return h("p", { class: "hint", text: text });
  }

  function item(title, meta, extra) {
    var node = h("div", { class: "item" }, h("div", { text: title }));
    if (meta) {
      node.appendChild(h("div", { class: "meta", text: meta }));
    }
    (extra || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  // screens ---------------------------------------------------------------------------

  var screens = {
    today: loadToday,
    record: function () {},
    requests: loadRequests,
    reviews: loadReviews,
    members: loadMembers,
    cover: loadCover
  };

  function show(name, focus) {
    Array.prototype.forEach.call(document.querySelectorAll("[role=tab]"), function (tab) {
      var selected = tab.getAttribute("data-screen") === name;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) {
        tab.focus();
      }
    });
    var switching = $(name).hidden;
    Object.keys(screens).forEach(function (screen) {
      $(screen).hidden = screen !== name;
    });
    if (switching) {
      say("");
    }
    if (!loaded[name]) {
      loaded[name] = true;
      Promise.resolve(screens[name]()).catch(function (error) {
        loaded[name] = false;
        say(error.message, true);
      });
    }
  }

  function reload(name) {
    loaded[name] = false;
    if (!$(name).hidden) {
      show(name, false);
    }
  }

  // Today -----------------------------------------------------------------------------

  function loadToday() {
    return api("today").then(function (today) {
      var requests = clear($("today-requests").querySelector(".body"));
      if (today.requests_due === undefined) {
        $("today-requests").hidden = true;
      } else if (!today.requests_due.length) {
        requests.appendChild(empty("Nothing due in the next five working days."));
      } else {
        today.requests_due.forEach(function (request) {
          var node = item(request.reference + " · " + request.kind_label,
            "due " + request.due.shown + " · " + request.days_left_text);
          if (request.overdue) {
            node.classList.add("overdue");
          }
          requests.appendChild(node);
        });
      }
      var reviews = clear($("today-reviews").querySelector(".body"));
      if (today.reviews === undefined) {
        $("today-reviews").hidden = true;
      } else if (!today.reviews.open) {
        reviews.appendChild(empty("No open review requests."));
      } else {
        reviews.appendChild(h("p", { text: today.reviews.open + " open; the oldest:" }));
        today.reviews.oldest.forEach(function (review) {
          reviews.appendChild(item(review.id + ". " + review.sender + " in " + review.chat,
            "asked " + review.asked + " · " + review.rules.join(", ")));
        });
      }
      var gaps = clear($("today-gaps").querySelector(".body"));
      if (!today.gaps.length) {
        gaps.appendChild(empty("Somebody is on duty every day."));
      } else {
        today.gaps.forEach(function (gap) {
          var node = item("✗ " + gap.days, "nobody on duty: " + gap.who);
          node.classList.add("gap");
          gaps.appendChild(node);
        });
      }
      var chain = clear($("today-chain").querySelector(".body"));
      if (today.chain.intact) {
        chain.appendChild(h("p", { class: "good", text: "✓ Intact (the last " + today.chain.entries_checked + " entries checked)" }));
      } else {
        chain.appendChild(h("p", { class: "error", text: "✗ Broken at entry " + today.chain.first_bad + ": " + today.chain.problem }));
      }
      chain.appendChild(h("p", { class: "hint", text: "checked " + today.chain.checked }));
      drawChart(clear($("today-chart").querySelector(".body")), today.chart);
    });
  }

  function drawChart(box, chart) {
    var weeks = chart.weeks;
    var rules = chart.rules;
    var colour = {};
    rules.forEach(function (rule, index) {
      colour[rule] = RULE_COLOURS[index % RULE_COLOURS.length];
    });
    function total(counts) {
      return Object.keys(counts).reduce(function (sum, key) {
        return sum + counts[key];
      }, 0);
    }
    var highest = 1;
    weeks.forEach(function (week) {
      highest = Math.max(highest, total(week.removed), total(week.warned));
    });
    var width = 640, height = 220, left = 32, bottom = 28, top = 10;
    var slot = (width - left - 8) / weeks.length;
    var bar = Math.max(4, slot / 2 - 4);
    var scale = (height - bottom - top) / highest;
    var graphic = svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": "chart-title chart-desc",
      class: "chart-svg"
    });
    var all = weeks.reduce(function (sum, week) {
      return sum + total(week.removed) + total(week.warned);
    }, 0);
    graphic.appendChild(svg("desc", {
      id: "chart-desc",
      text: all + " posts removed or warned in twelve weeks; the table below gives every figure."
    }));
    graphic.appendChild(svg("line", { class: "axis", x1: left, y1: height - bottom, x2: width - 4, y2: height - bottom }));
    graphic.appendChild(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }));
    graphic.appendChild(svg("text", { x: left - 6, y: top + 8, "text-anchor": "end", text: String(highest) }));
    graphic.appendChild(svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end", text: "0" }));
    weeks.forEach(function (week, index) {
      var x = left + 4 + index * slot;
      [["removed", 0, 1], ["warned", bar + 2, 0.45]].forEach(function (kind) {
        var y = height - bottom;
        rules.forEach(function (rule) {
          var count = week[kind[0]][rule] || 0;
          if (!count) {
            return;
          }
          var tall = count * scale;
          y -= tall;
          var rect = svg("rect", {
            x: x + kind[1], y: y, width: bar, height: tall, fill: colour[rule], "fill-opacity": kind[2]
          });
          rect.appendChild(svg("title", { text: week.label + ": " + count + " " + kind[0] + " (" + rule + ")" }));
          graphic.appendChild(rect);
        });
      });
      if (index % 2 === 0 || weeks.length <= 6) {
        graphic.appendChild(svg("text", { x: x + bar, y: height - 10, "text-anchor": "middle", text: week.label }));
      }
    });
    box.appendChild(h("div", { class: "chart" }, graphic));
    var legend = h("ul", { class: "legend", "aria-label": "Rules" });
    legend.appendChild(h("li", {}, h("span", { class: "swatch", style: null }), "left bar: removed"));
    legend.appendChild(h("li", {}, h("span", { class: "swatch warned" }), "right, paler: warned"));
    rules.forEach(function (rule) {
      var swatch = svg("svg", { width: 12, height: 12, "aria-hidden": "true" });
      swatch.appendChild(svg("rect", { width: 12, height: 12, rx: 3, fill: colour[rule] }));
      legend.appendChild(h("li", {}, swatch, " " + rule));
    });
    if (!rules.length) {
      legend.appendChild(h("li", { text: "No post was removed or warned in these weeks." }));
    }
    box.appendChild(legend);
    var table = h("table", { class: "data visually-hidden" });
    var head = h("tr", {}, h("th", { scope: "col", text: "Week of" }));
    rules.forEach(function (rule) {
      head.appendChild(h("th", { scope: "col", text: rule + " removed" }));
      head.appendChild(h("th", { scope: "col", text: rule + " warned" }));
    });
    table.appendChild(head);
    weeks.forEach(function (week) {
      var row = h("tr", {}, h("th", { scope: "row", text: week.starts.shown }));
      rules.forEach(function (rule) {
        row.appendChild(h("td", { text: String(week.removed[rule] || 0) }));
        row.appendChild(h("td", { text: String(week.warned[rule] || 0) }));
      });
      table.appendChild(row);
    });
    box.appendChild(table);
  }

  // Record ----------------------------------------------------------------------------

  function entryLine(hit) {
    var flags = [];
    if (hit.restricted) {
      flags.push(h("span", { class: "flag", text: "restricted" }));
    }
    if (hit.personal_data) {
      flags.push(h("span", { class: "flag", text: "personal data" }));
    }
    var open = h("button", {
      type: "button",
      class: "link",
      text: "#" + hit.seq + " · " + hit.when + " · " + hit.chat + " · " + hit.sender,
      onclick: function () {
        showEntry(hit.seq);
      }
    });
    var node = h("div", { class: "item" }, open);
    flags.forEach(function (flag) {
      node.appendChild(flag);
    });
    node.appendChild(h("div", { class: "meta", text: hit.text }));
    return node;
  }

  function search(data) {
    var params = new URLSearchParams();
    ["q", "person", "chat", "from", "to"].forEach(function (key) {
      if (data[key]) {
        params.set(key, data[key]);
      }
    });
    return api("record?" + params.toString()).then(function (result) {
      var list = clear($("search-results"));
      $("entry-detail").hidden = true;
      if (!result.hits.length) {
        list.appendChild(empty("Nothing on the record matches."));
        return;
      }
      result.hits.forEach(function (hit) {
        list.appendChild(entryLine(hit));
      });
      if (result.more) {
        list.appendChild(empty("Showing the newest " + result.hits.length + "; more match: narrow the search."));
      }
      say(result.hits.length + (result.more ? "+" : "") + " entries found.");
    });
  }

  function showEntry(seq) {
    return api("record/" + seq).then(function (detail) {
      var box = clear($("entry-detail"));
      var entry = detail.entry;
      box.appendChild(h("h3", { text: "Entry #" + entry.seq + " (" + entry.kind + ")" }));
      box.appendChild(h("p", { class: "meta", text: entry.when + " · " + entry.chat + " · " + entry.sender }));
      box.appendChild(h("pre", { class: "text", text: entry.text }));
      if (entry.attachments.length) {
        box.appendChild(h("p", { class: "meta", text: "Attachments: " + entry.attachments.join(", ") }));
      }
      box.appendChild(h("p", { class: "mono", text: "hash " + entry.hash }));
      box.appendChild(h("h3", { text: "Versions (" + detail.versions.length + ")" }));
      detail.versions.forEach(function (version) {
        var node = item("#" + version.seq + " · " + version.kind + " · " + version.when,
          version.reason ? "reason: " + version.reason : "");
        node.appendChild(h("pre", { class: "text", text: version.text }));
        box.appendChild(node);
      });
      box.appendChild(h("button", {
        type: "button", class: "secondary", text: "Close",
        onclick: function () {
          box.hidden = true;
        }
      }));
      box.hidden = false;
      box.focus();
    }).catch(function (error) {
      say(error.message, true);
    });
  }

  function exportRecord(data) {
    say("Exporting…");
    return api("record/export", { method: "POST", body: data }).then(function (result) {
      if (result.sent) {
        say("Sent to your chat with the bot: " + result.file + " (" + result.caption + ")");
      } else {
        say(result.error, true);
      }
    });
  }

  // Requests --------------------------------------------------------------------------

  function loadRequests() {
    return api("requests").then(function (result) {
      var list = clear($("request-list"));
      if (!result.requests.length) {
        list.appendChild(empty("No open FOI or subject-access requests."));
      }
      result.requests.forEach(function (request) {
        var who = request.kind === "foi" ? request.requester + ": " + request.subject : request.subject;
        var node = item(request.reference + " · " + request.kind_label + " · " + who,
          "received " + request.received.shown + " · due " + request.due.shown + " · " +
          request.days_left_text + " · " + request.hold);
        if (request.overdue) {
          node.classList.add("overdue");
        }
        if (may("close_request")) {
          var actions = h("div", { class: "actions" });
          actions.appendChild(h("button", {
            type: "button", class: "secondary", text: "Close " + request.reference,
            onclick: function (event) {
              busy(event.target, api("requests/" + encodeURIComponent(request.reference) + "/close", { method: "POST", body: {} }))
                .then(function () {
                  say(request.reference + " closed.");
                  reload("requests");
                }).catch(function () {});
            }
          }));
          node.appendChild(actions);
        }
        list.appendChild(node);
      });
    });
  }

  function openRequest(kind) {
    return function (data, form) {
      return api("requests/" + kind, { method: "POST", body: data }).then(function (result) {
        say(result.request.reference + " opened: due " + result.request.due.shown + ".");
        form.reset();
        reload("requests");
      });
    };
  }

  // Reviews ---------------------------------------------------------------------------

  function loadReviews() {
    return api("reviews").then(function (result) {
      var list = clear($("review-list"));
      if (!result.reviews.length) {
        list.appendChild(empty("No open review requests."));
      }
      result.reviews.forEach(function (review) {
        var noteId = "review-note-" + review.id;
        var note = h("input", { id: noteId, type: "text", maxlength: 255 });
        var actions = h("div", { class: "actions" },
          h("label", { for: noteId }, "Note (optional)", note));
        ["upheld", "reinstated"].forEach(function (outcome) {
          actions.appendChild(h("button", {
            type: "button",
            class: outcome === "upheld" ? "" : "secondary",
            text: outcome === "upheld" ? "Uphold " + review.id : "Reinstate " + review.id,
            onclick: function (event) {
              busy(event.target, api("reviews/" + review.id, { method: "POST", body: { outcome: outcome, note: note.value } }))
                .then(function (answer) {
                  say("Review request " + review.id + " resolved: " + outcome + "." +
                    (answer.sender_told ? " The sender was told." : " I could not tell the sender: they have not started a chat with the bot."),
                    !answer.sender_told);
                  reload("reviews");
                }).catch(function () {});
            }
          }));
        });
        list.appendChild(item(review.id + ". " + review.sender + " (id " + review.sender_id + ") in " + review.chat,
          "asked " + review.asked + " · " + review.rules.join(", "), [actions]));
      });
    });
  }

  // Members ---------------------------------------------------------------------------

  function loadMembers() {
    return api("members").then(function (result) {
      var list = clear($("member-list"));
      var select = clear($("invite-role"));
      result.roles.forEach(function (role) {
        select.appendChild(h("option", { value: role.value, text: role.label }));
      });
      select.value = "councillor";  // most invitations are for councillors
      result.members.forEach(function (member) {
        var meta = member.role_label + (member.monitor ? " · monitor" : "") + " · id " + member.id +
          (member.strikes ? " · " + member.strikes + " strike(s)" : "");
        var actions = h("div", { class: "actions" });
        if (may("role")) {
          var roleId = "role-" + member.id;
          var roles = h("select", { id: roleId });
          result.roles.forEach(function (role) {
            roles.appendChild(h("option", { value: role.value, text: role.label, selected: role.value === member.role }));
          });
          actions.appendChild(h("label", { for: roleId }, "Role of " + member.name, roles));
          actions.appendChild(h("button", {
            type: "button", class: "secondary", text: "Save role",
            onclick: function (event) {
              busy(event.target, api("members/" + member.id + "/role", { method: "POST", body: { role: roles.value } }))
                .then(function (answer) {
                  say(answer.member.name + " now has the role " + answer.member.role_label + ".");
                  reload("members");
                }).catch(function () {});
            }
          }));
        }
        if (may("monitor") && member.role === "councillor") {
          actions.appendChild(h("button", {
            type: "button", class: "secondary",
            text: member.monitor ? "Stand down as monitor" : "Nominate as monitor",
            onclick: function (event) {
              busy(event.target, api("members/" + member.id + "/monitor", { method: "POST", body: { monitor: !member.monitor } }))
                .then(function (answer) {
                  say(answer.member.name + (answer.member.monitor ? " is now a monitor" : " is no longer a monitor") +
                    " (on the record" + (answer.record_entry ? ": entry " + answer.record_entry : "") + ").");
                  reload("members");
                }).catch(function () {});
            }
          }));
        }
        list.appendChild(item(member.name, meta, actions.childNodes.length ? [actions] : []));
      });
      var strikes = clear($("strike-list"));
      if (result.strikes === undefined) {
        strikes.appendChild(empty("Strikes are shown to the officers."));
      } else if (!result.strikes.length) {
        strikes.appendChild(empty("No strikes in the last " + result.strike_window_days + " days."));
      } else {
        result.strikes.forEach(function (strike) {
          var extra = [];
          if (may("pardon")) {
            extra.push(h("div", { class: "actions" }, h("button", {
              type: "button", class: "secondary", text: "Pardon " + strike.name,
              onclick: function (event) {
                busy(event.target, api("members/" + strike.id + "/pardon", { method: "POST", body: {} }))
                  .then(function (answer) {
                    say("Cleared " + answer.cleared + " strike(s) for " + strike.name + ".");
                    reload("members");
                  }).catch(function () {});
              }
            })));
          }
          strikes.appendChild(item(strike.name + " (id " + strike.id + ")", strike.strikes + " strike(s) in the last " + result.strike_window_days + " days", extra));
        });
      }
    });
  }

  function invite(data) {
    return api("members/invite", { method: "POST", body: data }).then(function (result) {
      var box = clear($("invite-result"));
      box.appendChild(document.createTextNode("Invitation for " + result.name + ", usable once until " + result.expires.shown + ": "));
      if (result.link) {
        box.appendChild(h("a", { href: result.link, text: result.link }));
      } else {
        box.appendChild(h("span", { class: "mono", text: "/start " + result.code }));
      }
      say("Invitation made for " + result.name + ".");
    });
  }

  // Cover -----------------------------------------------------------------------------

  function loadCover() {
    return api("cover").then(function (result) {
      var periods = clear($("cover-periods"));
      result.periods.forEach(function (period) {
        var node = item((period.gap ? "✗ " : "• ") + period.days,
          period.gap ? "NOBODY on duty: " + period.who : period.who);
        if (period.gap) {
          node.classList.add("gap");
        }
        periods.appendChild(node);
      });
      periods.appendChild(empty("Days are in " + result.zone + "."));
      var leave = clear($("leave-list"));
      if (result.leave === undefined) {
        leave.appendChild(empty("Leave is recorded by the Clerk, the Assistant Clerk and the monitors."));
        return;
      }
      if (!result.leave.length) {
        leave.appendChild(empty("No leave or unavailability is recorded from today on."));
      }
      result.leave.forEach(function (absence) {
        var canCancel = absence.member_id === me.id || me.role === "clerk";
        var extra = canCancel ? [h("div", { class: "actions" }, h("button", {
          type: "button", class: "secondary", text: "Cancel " + absence.kind + " " + absence.id,
          onclick: function (event) {
            busy(event.target, api("leave/" + absence.id + "/cancel", { method: "POST", body: {} }))
              .then(function (answer) {
                say((answer.ended_early ? "Ended early: " : "Cancelled: ") + answer.leave.name + ", " +
                  answer.leave.from.shown + " to " + answer.leave.to.shown + ".");
                reload("cover");
              }).catch(function () {});
          }
        }))] : [];
        leave.appendChild(item(absence.id + " — " + absence.name + ", " + absence.kind,
          absence.from.shown + " to " + absence.to.shown + " (" + absence.days + " day" + (absence.days === 1 ? "" : "s") + ")" +
          (absence.reason ? ", " + absence.reason : ""), extra));
      });
      var label = $("leave-for-label");
      label.hidden = !result.may_record_for_others;
      var others = clear($("leave-for"));
      others.appendChild(h("option", { value: "", text: "Myself" }));
      (result.staff || []).forEach(function (member) {
        if (member.id !== me.id) {
          others.appendChild(h("option", { value: String(member.id), text: member.name }));
        }
      });
    });
  }

  function addLeave(data, form) {
    return api("leave", { method: "POST", body: data }).then(function (result) {
      var away = result.while_away.map(function (period) {
        return (period.gap ? "GAP " : "") + period.days + ": " + period.who;
      }).join("; ");
      say("Leave " + result.leave.id + " recorded: " + result.leave.name + ", " + result.leave.from.shown +
        " to " + result.leave.to.shown + ". While away: " + away, result.while_away.some(function (p) { return p.gap; }));
      form.reset();
      reload("cover");
    });
  }

  // start -----------------------------------------------------------------------------

  function tabKeys(event) {
    var tabs = Array.prototype.filter.call(document.querySelectorAll("[role=tab]"), function (tab) {
      return !tab.hidden;
    });
    var index = tabs.indexOf(document.activeElement);
    if (index < 0) {
      return;
    }
    var next = null;
    if (event.key === "ArrowRight") {
      next = tabs[(index + 1) % tabs.length];
    } else if (event.key === "ArrowLeft") {
      next = tabs[(index - 1 + tabs.length) % tabs.length];
    } else if (event.key === "Home") {
      next = tabs[0];
    } else if (event.key === "End") {
      next = tabs[tabs.length - 1];
    }
    if (next) {
      event.preventDefault();
      show(next.getAttribute("data-screen"), true);
    }
  }

  function start() {
    if (webApp) {
      webApp.ready();
      webApp.expand();
    }
    if (!initData) {
      $("signin").textContent = "Open the Clerk's desk from Telegram: send /desk to the bot, or use its menu button.";
      return;
    }
    api("me").then(function (who) {
      me = who;
      $("council").textContent = who.council + ": the Clerk's desk";
      $("who").textContent = who.name + " · " + who.role_label + (who.covering ? " (covering)" : "") + " · " + who.today.shown;
      $("signin").hidden = true;
      Array.prototype.forEach.call(document.querySelectorAll("[data-right]"), function (node) {
        node.hidden = !may(node.getAttribute("data-right"));
      });
      Array.prototype.forEach.call(document.querySelectorAll("[role=tab]"), function (tab) {
        tab.addEventListener("click", function () {
          show(tab.getAttribute("data-screen"), false);
        });
      });
      var tabs = $("tabs");
      tabs.addEventListener("keydown", tabKeys);
      tabs.hidden = false;
      onSubmit($("search-form"), search);
      onSubmit($("export-form"), exportRecord);
      onSubmit($("foi-form"), openRequest("foi"));
      onSubmit($("sar-form"), openRequest("sar"));
      onSubmit($("invite-form"), invite);
      onSubmit($("leave-form"), addLeave);
      show("today", false);
    }).catch(function (error) {
      $("signin").textContent = error.status === 401
        ? "Telegram's sign-in could not be checked (or is over a day old): close the desk and open it again from Telegram."
        : error.message;
      $("signin").classList.add("error");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
