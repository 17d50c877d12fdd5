"""Generated news-style sentences (wire copy, sport, courts) and social posts about brands.

Newswire is what the learned name tagger lacked: "Prime Minister X said on Tuesday", sports
results and tables ("Graf ( Germany ) beat Martinez ( Spain ) 6-3 6-4"), "X, 34, of Leeds",
surnames alone on second mention, titles and roles before names (the title is not part of
the name), middle initials, particle and hyphenated surnames (van der, de, O', al-), and
headlines in capitals. The traps are capitalised words that are not people: clubs and
companies that look like names ("Manchester United", "Morgan Stanley", "Wall Street"),
parties, countries and their possessives ("Germany 's Merkel": only Merkel is a name),
nationalities, months and days; and, for social posts, brands, products, TV shows and teams.

About every fifth template (by a hash of its text) is kept for the dev sentences (``part="dev"``), so the dev figures
measure sentences of shapes the model has not seen. Names are the ones English news writes: British, Irish, American, South Asian, African,
Eastern and Western European, Turkish, Arabic, Chinese, Japanese and Korean romanised
(Faker's person providers, transliterated, and short hand lists where Faker has no Latin
spelling). Half the sentences are spaced like CoNLL files ("Blair , 43 , said .").
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from faker import Faker
from synthetic import PLACES, Example, ascii_fold

# Faker locales whose names are written in Latin letters (or transliterated), by weight.
NEWS_LOCALES: dict[str, float] = {
    "en_GB": 3.0, "en_US": 3.0, "en_IE": 0.8, "ga_IE": 0.3, "en_AU": 0.6, "en_CA": 0.4,
    "en_IN": 1.2, "en_PK": 0.6, "en_NG": 0.5, "yo_NG": 0.4, "ig_NG": 0.3, "ha_NG": 0.3,
    "tw_GH": 0.3, "en_KE": 0.3, "zu_ZA": 0.3, "sw": 0.2, "pl_PL": 0.6, "ro_RO": 0.4,
    "cs_CZ": 0.3, "hu_HU": 0.3, "hr_HR": 0.3, "sk_SK": 0.2, "lt_LT": 0.2, "uk_UA": 0.5,
    "ru_RU": 0.6, "bg_BG": 0.2, "de_DE": 0.8, "fr_FR": 0.8, "es_ES": 0.7, "es_MX": 0.3,
    "it_IT": 0.7, "pt_BR": 0.5, "pt_PT": 0.2, "nl_NL": 0.5, "sv_SE": 0.3, "no_NO": 0.2,
    "da_DK": 0.2, "fi_FI": 0.2, "tr_TR": 0.4, "id_ID": 0.2, "fil_PH": 0.2,
}  # fmt: skip
ROMANISED = ("zh_CN", "zh_TW", "ja_JP")


def _split(text: str) -> list[str]:
    return text.split()


ARABIC_FIRST = _split(
    """Mohammed Muhammad Ahmed Ahmad Ali Hassan Hussein Omar Khalid Youssef Yusuf
Ibrahim Abdullah Abdul Mahmoud Mustafa Karim Tariq Samir Walid Nabil Faisal Hamad Saeed
Rashid Salman Bashar Hosni Anwar Yasser Saddam Moammar Fatima Aisha Layla Mariam Noor Rania
Huda Samira Zainab Amira Leila Hanan Nadia Salma Yasmin Rami Ziad Imad Jamal Adel Fawzi"""
)
ARABIC_LAST = _split(
    """Hassan Hussein Abbas Haddad Khoury Nasser Mansour Saleh Aziz Rahman Karimi
Al-Assad Al-Sisi Al-Maliki Al-Thani Al-Saud Al-Faisal Mubarak Arafat Abbas Qureshi Haniyeh
Barghouti Erekat Nasrallah Hariri Gemayel Jumblatt Aoun Bouteflika Ben-Ali Ghannouchi Essebsi
El-Baradei Moussa Amr Shafik Morsi Badie Zawahiri Saif Obeidi Jaafari Talabani Barzani
Zebari Allawi Chalabi Sadr Hakim Suleiman Tlass Shara Mikati Siniora Salam"""
)
KOREAN_LAST = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song"
KOREAN_FIRST = _split(
    """Min-jun Seo-yeon Ji-hoon Jae-in Dae-jung Young-sam Moo-hyun Myung-bak
Geun-hye Suk-yeol Jong-un Jong-il Il-sung Ban Ki-moon Hyun-woo Ji-sung Heung-min Yuna
Se-ri Chan-ho Joon-ho Soo-min Hye-jin Do-yoon Eun-ji Kyung-soo Tae-hee Jin-woo"""
)
PARTICLES = ["van", "van der", "van den", "de", "de la", "del", "di", "da", "dos", "von",
             "van de", "le", "du", "ter", "bin", "ibn", "al", "el", "ben", "St", "La", "De",
             "Van", "Da", "Di", "Le", "Mac", "O'", "Mc", "Fitz"]  # fmt: skip
TITLES = ["President", "Prime Minister", "Foreign Minister", "Finance Minister", "Chancellor",
          "Senator", "Sen.", "Governor", "Gov.", "Rep.", "General", "Gen.", "Colonel",
          "Minister", "Deputy Prime Minister", "Secretary of State", "Judge", "Justice",
          "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Dr", "Dr.", "Professor", "Prof.", "Sir", "Dame",
          "Lord", "Lady", "Detective Inspector", "Det Insp", "PC", "Sgt", "Chief Constable",
          "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "captain",
          "Captain", "chairman", "chief executive", "Archbishop", "Bishop", "Pope", "King",
          "Queen", "Prince", "Princess", "Crown Prince", "Sheikh", "Ayatollah", "Rabbi",
          "opposition leader", "Labour leader", "Tory leader", "Mayor", "Cllr", "Ambassador",
          "Defence Secretary", "Home Secretary", "Health Secretary", "Vice President",
          "spokesman", "spokeswoman", "actor", "actress", "singer", "rapper", "novelist",
          "director", "chef", "presenter", "coroner", "Inspector", "Superintendent"]  # fmt: skip
COUNTRIES = ["Britain", "Germany", "France", "Italy", "Spain", "Russia", "China", "Japan",
             "India", "Pakistan", "Iran", "Iraq", "Israel", "Syria", "Egypt", "Turkey",
             "Poland", "Ukraine", "Nigeria", "Kenya", "South Africa", "Brazil", "Argentina",
             "Mexico", "Canada", "Australia", "New Zealand", "Ireland", "Scotland", "Wales",
             "England", "the United States", "the U.S.", "U.S.", "Belgium", "the Netherlands",
             "Sweden", "Norway", "Denmark", "Finland", "Austria", "Switzerland", "Greece",
             "Portugal", "Romania", "Hungary", "Czech Republic", "Serbia", "Croatia",
             "Bosnia", "Lebanon", "Jordan", "Saudi Arabia", "Afghanistan", "Bangladesh",
             "Sri Lanka", "Indonesia", "Malaysia", "Thailand", "Vietnam", "South Korea",
             "North Korea", "Taiwan", "Chile", "Colombia", "Peru", "Cuba", "Zimbabwe",
             "Ghana", "Ethiopia", "Algeria", "Morocco", "Libya", "Chad", "Georgia",
             "Zambia", "Uganda", "Tanzania", "Qatar", "Kuwait", "Yemen"]  # fmt: skip
NATIONALITIES = ["British", "German", "French", "Italian", "Spanish", "Russian", "Chinese",
                 "Japanese", "Indian", "Pakistani", "Iranian", "Iraqi", "Israeli", "Syrian",
                 "Egyptian", "Turkish", "Polish", "Ukrainian", "Nigerian", "Kenyan",
                 "South African", "Brazilian", "Argentine", "Mexican", "Canadian",
                 "Australian", "Irish", "Scottish", "Welsh", "English", "American", "Belgian",
                 "Dutch", "Swedish", "Norwegian", "Danish", "Austrian", "Swiss", "Greek",
                 "Portuguese", "Romanian", "Hungarian", "Czech", "Serbian", "Croatian",
                 "European", "Palestinian", "Saudi", "Afghan", "Korean", "Cuban",
                 "Zimbabwean", "Moroccan", "Arab", "Muslim", "Christian", "Catholic",
                 "Jewish", "Sunni", "Shi'ite", "Kurdish", "Basque", "Flemish", "Asian",
                 "African", "Latin American", "Western", "Soviet", "Balkan"]  # fmt: skip
CITIES = ["London", "Paris", "Berlin", "Moscow", "Beijing", "Tokyo", "New York",
          "Washington", "Brussels", "Geneva", "Madrid", "Rome", "Vienna", "Warsaw", "Kiev",
          "Kyiv", "Istanbul", "Ankara", "Cairo", "Tehran", "Baghdad", "Damascus",
          "Jerusalem", "Beirut", "Karachi", "Islamabad", "Lahore", "New Delhi", "Mumbai",
          "Dhaka", "Lagos", "Abuja", "Nairobi", "Johannesburg", "Cape Town", "Sydney",
          "Melbourne", "Toronto", "Chicago", "Los Angeles", "Boston", "Frankfurt", "Munich",
          "Hamburg", "Milan", "Barcelona", "Lisbon", "Amsterdam", "Dublin", "Belfast",
          "Edinburgh", "Glasgow", "Cardiff", "Manchester", "Liverpool", "Leeds",
          "Birmingham", "Bristol", "Sheffield", "Newcastle", "Nottingham", "Leicester",
          "Southampton", "Brighton", "Oxford", "Cambridge", "Hong Kong", "Singapore",
          "Bangkok", "Jakarta", "Manila", "Seoul", "Sao Paulo", "Rio de Janeiro",
          "Buenos Aires", "Mexico City", "Havana", "Athens", "Prague", "Budapest",
          "Bucharest", "Sofia", "Belgrade", "Zagreb", "Sarajevo", "Stockholm", "Oslo",
          "Copenhagen", "Helsinki", "Zurich", "Lyon", "Marseille", "Wellington", "Perth",
          "Adelaide", "Kingston", "Harare", "Kinshasa", "Addis Ababa", "Kabul", "Colombo",
          "Wimbledon", "Wembley", "Anfield", "Old Trafford", "Lord's", "Twickenham",
          "Augusta", "Monte Carlo", "Silverstone", "Monza", "Sherwood", "Chelsea",
          "Victoria", "Florence", "Charlotte", "Austin", "Jackson", "Lincoln", "Preston",
          "Stanley", "Douglas", "Hamilton", "Madison", "Orlando", "Phoenix", "Bradford",
          "Hull", "Derby", "Reading", "Bolton", "Burnley", "Wigan", "Darlington"]  # fmt: skip
TEAMS = ["Manchester United", "Manchester City", "Liverpool", "Arsenal", "Chelsea",
         "Tottenham", "Tottenham Hotspur", "Aston Villa", "Newcastle United", "Everton",
         "West Ham", "Leeds United", "Sheffield Wednesday", "Nottingham Forest",
         "Blackburn Rovers", "Bolton Wanderers", "Wolves", "Celtic", "Rangers",
         "Real Madrid", "Barcelona", "Atletico Madrid", "Bayern Munich",
         "Borussia Dortmund", "Juventus", "AC Milan", "Inter Milan", "Ajax", "PSV Eindhoven",
         "Paris St Germain", "Marseille", "Porto", "Benfica", "Galatasaray", "Feyenoord",
         "the Yankees", "the Red Sox", "the Lakers", "the Celtics", "the Chicago Bulls",
         "the Dallas Cowboys", "the New England Patriots", "the Green Bay Packers",
         "the All Blacks", "the Wallabies", "the Springboks", "Leicester Tigers", "Saracens",
         "Yorkshire", "Lancashire", "Surrey", "Middlesex", "Essex", "Glamorgan", "Ferrari",
         "McLaren", "Williams", "Red Bull", "Mercedes", "Renault", "Benetton",
         "Queens Park Rangers", "Crystal Palace", "Charlton Athletic", "Preston North End",
         "Stoke City", "Derby County", "Norwich City", "Ipswich Town", "Luton Town"]  # fmt: skip
COMPANIES = ["Barclays", "HSBC", "Lloyds", "NatWest", "Goldman Sachs", "Morgan Stanley",
             "JP Morgan", "Merrill Lynch", "Lehman Brothers", "Deutsche Bank", "Credit Suisse",
             "BP", "Shell", "Royal Dutch Shell", "Exxon", "Chevron", "Ford", "General Motors",
             "Chrysler", "Toyota", "Honda", "Nissan", "Volkswagen", "BMW", "Daimler",
             "Rolls-Royce", "BAE Systems", "Boeing", "Airbus", "British Airways", "Ryanair",
             "easyJet", "Tesco", "Sainsbury's", "Marks and Spencer", "Marks & Spencer",
             "John Lewis", "Debenhams", "Boots", "Unilever", "Procter & Gamble",
             "Johnson & Johnson", "Pfizer", "GlaxoSmithKline", "AstraZeneca", "Nestle",
             "Siemens", "Philips", "Nokia", "Ericsson", "Sony", "Samsung", "Microsoft",
             "Apple", "Google", "Amazon", "Facebook", "Twitter", "IBM", "Intel", "Oracle",
             "Vodafone", "BT", "Reuters", "the BBC", "Sky", "ITV", "Disney", "Warner Bros",
             "McDonald's", "Coca-Cola", "Pepsi", "Heineken", "Guinness", "Walmart",
             "Dow Jones", "Standard & Poor's", "Moody's", "Fitch", "the Bundesbank",
             "the Bank of England", "the Federal Reserve", "the IMF", "the World Bank",
             "Wall Street", "the City", "Nasdaq", "the FTSE 100", "the Nikkei", "Lloyd's",
             "Cadbury", "Kellogg", "Heinz", "Dell", "Hewlett-Packard", "Rover", "Vauxhall",
             "Jaguar", "Land Rover", "Bentley", "Aston Martin", "Porsche", "Ferrari"]  # fmt: skip
BODIES = ["Labour", "the Conservatives", "the Tories", "the Liberal Democrats", "the SNP",
          "Plaid Cymru", "Sinn Fein", "the Democrats", "the Republicans", "the Kremlin",
          "the White House", "Downing Street", "the Pentagon", "Congress", "Parliament",
          "the Senate", "the Commons", "the Lords", "Westminster", "Whitehall",
          "the European Union", "the EU", "NATO", "the United Nations", "the UN",
          "the Foreign Office", "the Home Office", "the Treasury", "Scotland Yard",
          "the Met", "the FA", "UEFA", "FIFA", "the ICC", "the IOC", "Hamas", "Hezbollah",
          "the Taliban", "the ANC", "the Bundestag", "the Duma", "the Knesset",
          "the Vatican", "Interpol", "the High Court", "the Supreme Court",
          "the Old Bailey", "Crown Court", "Amnesty International", "Greenpeace",
          "the Red Cross", "Oxfam", "the NHS", "Ofcom", "Ofgem", "the CBI", "the TUC",
          "Christian Democrats", "Social Democrats", "the Greens", "Likud"]  # fmt: skip
COMPETITIONS = ["the Premier League", "the Champions League", "the World Cup",
                "the FA Cup", "Wimbledon", "the U.S. Open", "the Masters", "the Open",
                "the Tour de France", "the Ryder Cup", "the Six Nations", "the Ashes",
                "the Olympics", "the Grand National", "the Super Bowl", "Formula One",
                "the Bundesliga", "Serie A", "La Liga", "the Davis Cup", "Euro 96"]  # fmt: skip
BRANDS = ["Subaru", "Chrysler", "Mercedes", "Audi", "BMW", "Toyota", "Tesla", "Nike",
          "Adidas", "Puma", "Gucci", "Prada", "Chanel", "Zara", "Primark", "Starbucks",
          "Costa", "Greggs", "Nando's", "KFC", "Domino's", "Netflix", "Spotify", "YouTube",
          "Instagram", "Snapchat", "TikTok", "WhatsApp", "Xbox", "PlayStation", "Nintendo",
          "iPhone", "iPad", "MacBook", "Galaxy", "Pixel", "Kindle", "Alexa", "Siri",
          "AirPods", "Fortnite", "Minecraft", "Overwatch", "Pokemon", "Call of Duty", "FIFA",
          "Roblox", "Skyrim", "Halo", "Zelda", "Mario", "Sonic", "Tinder", "Uber", "Deliveroo",
          "Lego", "Barbie", "Oreo", "Nutella", "Doritos", "Red Bull", "Monster", "Walkers",
          "Heinz", "Cadbury", "Dyson", "Ikea", "Argos", "Asda", "Aldi", "Lidl", "Waitrose",
          "Ocado", "Nikon", "Canon", "GoPro", "Fitbit", "Ryzen", "Nvidia", "Windows",
          "Android", "Linux", "Chrome", "Firefox", "Photoshop", "Excel", "Zoom", "Discord",
          "Twitch", "Reddit", "Pinterest", "Vans", "Converse", "Levi's", "Calvin Klein",
          "Tommy Hilfiger", "Ralph Lauren", "Hugo Boss", "Victoria's Secret", "Dior",
          "Jack Daniel's", "Jameson", "Smirnoff", "Bacardi", "Corona", "Stella", "Carling",
          "All Clad", "Le Creuset", "Ninja", "Vitamix", "Peloton", "Jeep", "Harley",
          "Ducati", "Kawasaki", "Yamaha", "Fender", "Gibson", "Marshall", "Bose"]  # fmt: skip
SHOWS = ["Breaking Bad", "Game of Thrones", "Stranger Things", "The Office", "Love Island",
         "Doctor Who", "Sherlock", "Coronation Street", "EastEnders", "Emmerdale", "Friends",
         "Rick and Morty", "The Simpsons", "Family Guy", "South Park", "Peaky Blinders",
         "Line of Duty", "Bake Off", "Strictly", "X Factor", "Britain's Got Talent",
         "Top Gear", "Match of the Day", "Countdown", "Pointless", "Gogglebox",
         "The Walking Dead", "Westworld", "The Crown", "Downton Abbey", "Star Wars",
         "Star Trek", "Harry Potter", "Lord of the Rings", "The Avengers", "Iron Man",
         "Spider-Man", "Black Panther", "Frozen", "Toy Story", "Shrek", "Mad Men",
         "Grey's Anatomy", "The Voice", "Big Brother", "I'm a Celebrity", "Dragons' Den",
         "Question Time", "Newsnight", "Panorama", "Blue Peter", "Fawlty Towers",
         "Only Fools and Horses", "Mr Bean", "Black Mirror", "The Sopranos", "The Wire",
         "Gavin and Stacey", "Fleabag", "Killing Eve", "Succession", "The Mandalorian",
         "Kingda Ka", "Prima Donnas", "Holier Than Thou", "Paw Patrol", "Peppa Pig",
         "Thomas the Tank Engine", "Fireman Sam", "Bob the Builder", "Postman Pat"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
SPORTS = ["SOCCER", "TENNIS", "GOLF", "CRICKET", "RUGBY UNION", "ATHLETICS", "CYCLING",
          "MOTOR RACING", "BASEBALL", "BASKETBALL", "BOXING", "SNOOKER", "HORSE RACING"]  # fmt: skip

# Slots: {P} a new person (a full name mostly); {Q} the last person's surname (second
# mention); {K} a new person by surname only; {T} a title before a new person's name (the
# title is not part of the name); {W} a new person's name in capitals; {C} country,
# {Y} city, {N} nationality, {X} team, {O} company, {G} party or body, {E} competition,
# {D} day, {M} month, {n} number, {a} age, {s} a score, {t} a time, {B} brand, {V} show.
NEWS_PERSON = r"""{T} said on {D} that {G} would not back down
{P} , {a} , of {Y} , was charged with murder
{P}, {a}, from {Y}, was jailed for {n} years at {Y} Crown Court
{T} told reporters in {Y} : " We will not accept this . "
{C} 's {K} said the talks had failed
{C}'s {K} won the gold medal in {t}
{P} scored twice as {X} beat {X} {s} on {D}
{P} ( {C} ) beat {P} ( {C} ) 6-3 6-4
{P} ( {C} ) beat {P} ( {C} ) 7-6 ( 7-4 ) 6-2
{n} . {P} ( {C} ) {t}
{n}. {P} ({C}) {t}
{P} ( {C} ) {n} {n} {n} {n}
{P} {n} {n} {n}
{K} c {K} b {K} {n}
{K} b {K} {n}
{P} not out {n}
Scorers : {K} {n} , {K} {n}
Scorers: {K} {n}, {K} {n} pen
{X} : {K} ; {K} , {K} , {K} , {K} ; {K} , {K}
{P} replaced {P} in the {n}th minute
{T} , who took office in {M} , faces a vote in {G}
{P} , the {N} champion , won in straight sets
"It was a great day for us," said {P}, the {X} manager.
" It was a great day for us , " {K} said .
{P} , a spokesman for {O} , said the company would appeal
{O} chief executive {P} said profits would rise
{P} , chairman of {O} , resigned on {D}
{P} was appointed chief executive of {O} in {M}
{T} met {T} in {Y} on {D}
{T} arrived in {Y} on {D} for talks with {T}
{P} said . {Q} added that the deal was close
{P} won the first set but {Q} struggled after that
{P} , {a} , has been with {X} since {M}
{X} striker {P} signed a new contract on {D}
{X} have signed {N} midfielder {P} for {n} million pounds
{N} striker {P} will miss the match against {X}
{P} 's lawyer said he would appeal
{P}'s family paid tribute to him on {D}
Police named the victim as {P} , {a} , from {Y}
Police named the dead man as {P}, {a}, of {Y}
{T} led the tributes to {P} , who died on {D} aged {a}
{P} , who joined {O} in {M} , will step down
Opposition leader {P} criticised the decision
{P} finished second behind {P} in {E}
{P} of {C} leads by two strokes after a round of {n}
{K} , who beat {K} in the final , is the top seed
{K} , {a} , won {E} in {M}
{P} and {P} will meet in the final on {D}
{T} , speaking in {Y} , said {C} had been betrayed
The court heard that {P} had lied to {Q} 's wife
{P} denies the charge and will stand trial in {M}
{T} is expected to name {P} as his successor
{P} ( {X} ) {n}
Former {N} prime minister {P} died on {D} aged {a}
{P}, {a}, a teacher from {Y}, said she was shocked
Witness {P} told the court she saw the car
{T} presented the award to {P}
{T} resigned after {G} voted against him
{K} said {C} would send troops
{T} , a close ally of {K} , was arrested
Actor {P} and his wife {P} have separated
{P} 's new film opens in {Y} on {D}
Singer {P} cancelled her tour of {C}
{P} was knighted in the {M} honours list
{P} , the {N} ambassador to {C} , was summoned
{P} ( {C} ) {t} , {P} ( {C} ) {t}
{P} holed a birdie putt at the 18th to beat {P}
{P} took three wickets as {X} beat {X}
{K} dived to save {K} 's penalty in the {n}th minute
{K} headed in from {K} 's cross
{P} said {Q} was " the best player in the world "
{P} , the {G} candidate , won {n} percent of the vote
A spokesman for {T} declined to comment
{T} and {T} signed the agreement in {Y}
{W} WINS {E}
{W} TO QUIT AS {X} MANAGER
{SPORT} - {W} BEATS {W} IN {Y} FINAL
{SPORT} - {W} SIGNS FOR {X}
{SPORT}-{X} SIGN {W}
{P} told the BBC that he had no regrets
{P} told Reuters that the deal was dead
{P} , 3 , and {P} , 5 , were rescued from the river
Goals : {K} {n} , {K} {n}
Sent off : {K} ( {X} ) {n}
Referee : {P} ( {C} )
Attendance : {n},000 . {K} , {K} and {K} also scored
Mrs {K} , who lives alone in {Y} , was not hurt
Detective Inspector {P} of {G} said inquiries were continuing
{P} of {G} said the party would vote against
Speaking on {D} , {K} said {C} was ready to talk
{P} to be scouted by {X} when {X} face {X}
{P} to join {X} in {n} million pound deal
{X} target {P} set for medical on {D}
{P} ruled out for six weeks with a hamstring injury
{P} was dropped for the match against {X}
{P} , {P} and {P} were all booked
{W} , {W} OUT OF {E}
{T} is due in {Y} on {D}
{P} ( {X} ) and {P} ( {X} ) share the lead on {n}
{K} said the government had no plans to raise taxes
{K} said he was confident of a deal by {M}
{K} added that {G} had been consulted
{K} , who is {a} , said she would fight on
{K} , speaking after the match , said the referee was wrong
"We have to be patient," {K} said.
" There is no crisis , " said {K} .
" I am very disappointed , " {T} told reporters .
According to {K} , the plan was agreed in {M}
{K} declined to comment on the report
{K} denied the allegations on {D}
{K} has won {n} titles since {M}
{K} is expected to be fit for {D} 's game
{K} dismissed the claims as nonsense
{K} and {K} were both sent off
{K} 's goal gave {X} the lead
{K}'s second goal sealed the win
{K} 's lawyers said they would appeal
The decision was welcomed by {T}
The report was commissioned by {T} in {M}
The deal was signed by {P} and {P}
Asked about the vote , {K} said : " We will see . "
{P} , {a} , was found dead at his home in {Y}
{P} , {a} , and her son were injured
{P} ( {a} ) , from {Y} , died in hospital
{W} SAYS {C} WILL NOT YIELD
{W} WARNS {G}
{W} TO STAND FOR {G}
{W} HITS CENTURY AS {X} WIN
{SPORT} - {W} EXTENDS LEAD IN {E}
{T} flew to {Y} to meet {T}
{T} spoke to {K} by telephone on {D}
{T} said {K} had been " a loyal servant "
{K} , the former {X} striker , now coaches in {C}
{K} made his debut for {X} in {M}
{P} and his brother {P} run the family firm
{P} replaced the injured {K} at half-time
Second seed {P} lost to {P}
Top seed {P} ( {C} ) reached the semi-finals
Defending champion {K} went out in the second round
""".strip().splitlines()
NEWS_CLEAN = r"""{G} said on {D} it would not back down
{C} 's economy grew {n} percent in {M}
{C}'s central bank left rates unchanged on {D}
{X} beat {X} {s} on {D}
{X} {n} {X} {n}
{X} {s} {X}
{X} drew {s} with {X} at home on {D}
Shares in {O} fell {n} percent in {Y} on {D}
{O} said profits rose {n} percent in the year to {M}
{O} shares closed {n} pence higher at {n} pence
Wall Street closed higher on {D} as {O} rallied
The Dow Jones industrial average rose {n} points
The FTSE 100 index fell {n} points to {n}
{G} won the by-election in {Y} on {D}
{N} troops arrived in {Y} on {D}
{N} police arrested {n} people in {Y}
Talks between {C} and {C} resumed in {Y} on {D}
{C} and {C} agreed to restore diplomatic ties
Results of {E} matches on {D}
{SPORT} - {E} RESULTS
{SPORT} - {X} BEAT {X} TO REACH FINAL
{SPORT} - {C} BEAT {C} IN {Y}
{Y} {n}-{n}-{n}
{Y} , {M} {n}
{Y} ( Reuters ) - {G} said on {D}
Standings after {D} 's games
{X} {n} {n} {n} {n} {n} {n} {n}
{O} , {O} and {O} led the gainers
{O} said it would cut {n} jobs at its {Y} plant
{N} inflation rose to {n} percent in {M}
Heavy rain hit {Y} and {Y} on {D}
Temperatures in {Y} reached {n} degrees in {M}
The {N} team arrived in {Y} on {D}
{G} called for a ceasefire in {C}
{G} voted {n} to {n} in favour of the bill
The {N} government said on {D} it would cut taxes
{C} will host {E} in {M}
{E} starts in {Y} on {D}
{Y} Crown Court heard the case on {D}
A {a}-year-old man was arrested in {Y} on {D}
A woman , {a} , was taken to hospital in {Y}
Police in {Y} said {n} people were injured
{N} Airways cancelled flights to {Y}
The Bank of England held rates at {n} percent on {D}
{N} shares rose on {D} , led by {O}
{O} and {O} agreed a merger worth {n} billion dollars
The {X} manager said his side had played well
{X} 's goalkeeper saved a penalty in the {n}th minute
{C} 's parliament approved the budget on {D}
The {N} foreign ministry said on {D} the report was false
Voters in {C} go to the polls in {M}
{G} leads {G} by {n} points in the latest poll
Rain stopped play at {Y} on {D}
{X} won the toss and chose to bat
{X} were all out for {n}
The {N} Grand Prix was won by {X}
Prices in {Y} were little changed on {D}
{C} beat {C} {n}-{n} in the {E} qualifier
{M} {n} ( Reuters )
Wimbledon starts on {D}
The White House said on {D} that the president would visit {C}
Downing Street denied the report on {D}
{O} said its chief executive would step down in {M}
The Labour Party conference opens in {Y} on {D}
The {N} prime minister will visit {Y} in {M}
The government said it had no plans to raise taxes
The minister said on {D} that talks would continue
{G} said the plan was agreed in {M}
{C} said it was confident of a deal by {M}
"We have to be patient," a spokesman said.
" There is no crisis , " the statement said .
Officials in {Y} declined to comment on the report
{X} said the striker would be fit for {D} 's game
The court in {Y} dismissed the claims on {D}
{X} 's second goal sealed the win
{Y} ( Reuters ) - Shares in {O} rose on {D}
{C} SAYS IT WILL NOT YIELD
{X} WIN AS RAIN RETURNS
{SPORT} - {X} EXTEND LEAD IN {E}
The {N} minister flew to {Y} on {D}
Top seeds {C} reached the semi-finals
Defending champions {X} went out in the second round
""".strip().splitlines()
SOCIAL_PERSON = """I saw you through {P} but I like you
this may be {P} 's best video yet
{P} is the funniest youtuber ever
cant believe {K} said that lol
watching {P} on {V} tonight
{P} was robbed on {V} last night
who else thinks {K} should have won {V}
{P} and {P} are the best couple on {V}
omg {K} looks so good in the new {B} advert
{P} just posted a new video
love {P} so much
{K} is killing it on {V}
bring back {P} !!
{P} for president lol
thank u {P} for this
""".strip().splitlines()
SOCIAL_CLEAN = """just got the new {B} and i love it
{B} customer service is the worst
anyone else addicted to {V} ?
watching {V} again lol
{V} was so good last night
cant wait for the new season of {V}
{X} are playing so bad tonight
come on {X} !!
{B} vs {B} which is better ?
my {B} keeps crashing
i need those {B} lol
{B} and {B} advertisement again
This is just a {B} and {B} advertisement .
{B} {B} {B}
best {B} ever
finally got tickets for {V} live in {Y}
who's watching {V} ?
{V} spoilers !!! dont read
{B} just dropped a new update
{V} season {n} is out on {B}
the {B} in {Y} is closed again
#{V} is trending
{B} is down again ?
rip {B}
if {B} and {B} are the {B} of phones then {B} is the {B}
{X} fans are the worst
went to {Y} to see {X} play
just landed in {Y} !!
love {Y} so much
{V} > {V}
""".strip().splitlines()


@dataclass(frozen=True, slots=True)
class _Person:
    first: str
    last: str
    middle: str = ""


class NewsGenerator:
    """Makes news-style and brand-heavy social :class:`Example` sentences from a seed."""

    def __init__(self, seed: int, *, part: str = "train") -> None:
        self._rng = random.Random(seed)
        self._part = part
        self._fakers: dict[str, Faker] = {}
        for index, locale in enumerate((*NEWS_LOCALES, *ROMANISED)):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + 500 + index)
            self._fakers[locale] = fake
        self._last: _Person | None = None

    # --- names -----------------------------------------------------------------------------

    def _person(self) -> _Person:
        rng = self._rng
        pick = rng.random()
        if pick < 0.06:
            first, last = rng.choice(ARABIC_FIRST), rng.choice(ARABIC_LAST)
        elif pick < 0.09:
            first, last = rng.choice(KOREAN_FIRST), rng.choice(KOREAN_LAST.split())
            if rng.random() < 0.6:  # Korean order: family name first
                first, last = last, first
        elif pick < 0.14:
            fake = self._fakers[rng.choice(ROMANISED)]
            first, last = fake.first_romanized_name(), fake.last_romanized_name()
            if rng.random() < 0.5:
                first, last = last, first
        else:
            locale = rng.choices(list(NEWS_LOCALES), list(NEWS_LOCALES.values()))[0]
            fake = self._fakers[locale]
            first, last = _clean(fake.first_name()), _clean(fake.last_name())
        roll = rng.random()
        if roll < 0.08:
            particle = rng.choice(PARTICLES)
            last = f"{particle}{last}" if particle.endswith("'") else f"{particle} {last}"
            if particle in ("Mac", "Mc", "Fitz"):
                last = particle + last.split()[-1]
            elif particle in ("al", "el", "Al", "El") and rng.random() < 0.6:
                last = f"{particle}-{last.split()[-1]}"
        elif roll < 0.13:
            last = f"{last}-{_clean(self._fakers['en_GB'].last_name())}"
        middle = ""
        if rng.random() < 0.12:
            middle = rng.choice([f"{rng.choice('ABCDEFGHJKLMNPRSTW')}.", self._first_name()])
        person = _Person(first, last, middle)
        self._last = person
        return person

    def _first_name(self) -> str:
        return _clean(self._fakers["en_US"].first_name())

    def _full(self, person: _Person) -> str:
        rng = self._rng
        roll = rng.random()
        if roll < 0.07:
            return f"{person.first[0]}. {person.last}"
        if roll < 0.09:
            return f"{person.first[0]}.{rng.choice('ABCDEJKMPRSW')}. {person.last}"
        if person.middle:
            return f"{person.first} {person.middle} {person.last}"
        if roll < 0.15:
            return person.last
        return f"{person.first} {person.last}"

    # --- slots -----------------------------------------------------------------------------

    def _fill_slot(self, slot: str) -> list[tuple[str, bool]]:
        """The pieces of one slot: ``(text, is a name)``."""
        rng = self._rng
        if slot == "P":
            return [(self._full(self._person()), True)]
        if slot == "Q":
            person = self._last or self._person()
            return [(person.last, True)]
        if slot == "K":
            return [(self._person().last, True)]
        if slot == "W":
            person = self._person()
            name = person.last if rng.random() < 0.6 else f"{person.first} {person.last}"
            return [(name.upper(), True)]
        if slot == "T":
            person = self._person()
            name = person.last if rng.random() < 0.6 else self._full(person)
            return [(rng.choice(TITLES) + " ", False), (name, True)]
        simple: dict[str, Callable[[], str]] = {
            "C": lambda: rng.choice(COUNTRIES),
            "Y": lambda: rng.choice(CITIES) if rng.random() < 0.85 else rng.choice(PLACES),
            "N": lambda: rng.choice(NATIONALITIES),
            "X": lambda: rng.choice(TEAMS),
            "O": lambda: rng.choice(COMPANIES),
            "G": lambda: rng.choice(BODIES),
            "E": lambda: rng.choice(COMPETITIONS),
            "D": lambda: rng.choice(DAYS),
            "M": lambda: rng.choice(MONTHS),
            "n": lambda: str(rng.randint(1, 99)),
            "a": lambda: str(rng.randint(17, 89)),
            "s": lambda: f"{rng.randint(0, 5)}-{rng.randint(0, 4)}",
            "t": lambda: f"{rng.randint(1, 59)}:{rng.randint(10, 59)}.{rng.randint(10, 99)}",
            "B": lambda: rng.choice(BRANDS),
            "V": lambda: rng.choice(SHOWS),
            "SPORT": lambda: rng.choice(SPORTS),
        }
        return [(simple[slot](), False)]

    def fill(
        self, template: str, *, headline_case: bool = False, lower_share: float = 0.0
    ) -> Example:
        """The template with its slots filled, spaced and cased at random.

        Headlines are all capitals; ``lower_share`` of the sentences are all lower case
        (social posts; wire copy is not written in lower case).
        """
        rng = self._rng
        self._last = None
        pieces: list[tuple[str, bool, bool]] = []  # text, is a name, is template text
        for index, part in enumerate(re.split(r"\{([A-Za-z]+)\}", template)):
            if index % 2:
                pieces.extend((text, name, False) for text, name in self._fill_slot(part))
            elif part:
                pieces.append((part, False, True))
        spaced = rng.random() < 0.5
        case = rng.random()
        out: list[str] = []
        names: list[tuple[int, int]] = []
        length = 0
        for piece, is_name, literal in pieces:
            text = _conll_spacing(piece) if spaced and literal else piece
            if case < 0.04 or headline_case:
                text = text.upper()
            elif case < 0.04 + lower_share:
                text = text.lower()
            if is_name:
                names.append((length, length + len(text)))
            out.append(text)
            length += len(text)
        return Example("".join(out), tuple(names))

    def examples(
        self, count: int, *, clean_share: float = 0.4, social_share: float = 0.25
    ) -> Iterator[Example]:
        """``count`` sentences: news and brand-heavy social posts, some without names."""
        rng = self._rng
        for _ in range(count):
            social = rng.random() < social_share
            clean = rng.random() < clean_share
            if social:
                pool = SOCIAL_CLEAN if clean else SOCIAL_PERSON
            else:
                pool = NEWS_CLEAN if clean else NEWS_PERSON
            template = rng.choice(self._templates(pool))
            yield self.fill(
                template,
                headline_case="{W}" in template or "{SPORT}" in template,
                lower_share=0.1 if social else 0.0,
            )

    def _templates(self, pool: list[str]) -> list[str]:
        """A fifth of every template list is kept for the dev part, never trained on."""
        dev = self._part == "dev"
        return [t for t in pool if (zlib.crc32(t.encode("utf-8")) % 5 == 4) == dev]


def _conll_spacing(text: str) -> str:
    if text.startswith("'s"):
        text = " " + text
    text = re.sub(r"\s*([,;:!?()\"])\s*", r" \1 ", text)
    text = re.sub(r"(?<=\w)'s\b", " 's", text)
    text = re.sub(r"\.(\s|$)", r" .\1", text)
    return re.sub(r" {2,}", " ", text)


def _clean(name: str) -> str:
    name = ascii_fold(name).strip()
    name = name.split()[0] if " " in name else name
    return name[:1].upper() + name[1:] if name else "Sam"
