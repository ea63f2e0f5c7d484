"""Community life (80-community-life.md): the office's consents with neighbour consent (Art. 65),
shared facilities and their bookings (Art. 67-3 and the council's booking regulation, Art. 103),
residents' and visitors' cars (Arts. 62⑤, 67, 67-2; 별지 1), community activation groups
(Arts. 39–43, 별첨 5) and the product reminders of the indirect-smoking path (Arts. 71-2, 71-3;
the path itself lives with the complaints in residents.services).

Modules: models (data), rules (pure table D and neighbour-set functions), services/* (writes),
selectors (reads), views/forms (pages), api/serializers (REST), tasks (reminders).
"""
