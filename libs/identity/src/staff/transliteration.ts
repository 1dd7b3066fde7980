// Mongolian Cyrillic to Latin as Mongolian passports write names (the Latin line of a certificate in
// English): Ж → J, Х → Kh, Ц → Ts, Ө → O, Ү → U. The npm package cyrillic-to-translit-js was tried:
// its Mongolian preset writes Ж as "zh", which no passport does, so a 35-letter table is kept here.

const TABLE: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'ye',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: 'i',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** "Бат-Эрдэнэ" → "Bat-Erdene". Characters outside the table pass through. */
export function transliterateMongolian(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const lower = ch.toLowerCase();
    const latin = TABLE[lower];
    if (latin === undefined) {
      out += ch;
      continue;
    }
    // Е at the start of a word sounds "ye"; inside one, "e" (Бат-Эрдэнэ has Э, Гэрэл has Э; Бегз → Begz).
    const value = lower === 'е' && i > 0 && /\p{L}/u.test(text[i - 1]) ? 'e' : latin;
    out += ch !== lower && value ? value[0].toUpperCase() + value.slice(1) : value;
  }
  return out;
}
