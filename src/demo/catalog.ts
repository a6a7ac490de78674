export const CATEGORIES = [
  'shoes',
  'electronics',
  'beauty',
  'books',
  'home',
  'sports',
  'food',
  'toys',
  'apparel',
  'baby',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Product {
  id: string;
  name: { en: string; zh: string };
  category: Category;
  /** CNY. */
  price: number;
}

type Base = readonly [en: string, zh: string, price: number];
type Variant = readonly [en: string, zh: string, priceFactor: number];

interface Line {
  variants: readonly [Variant, Variant];
  bases: readonly Base[];
}

// Ten base products per category, each sold in two variants: 200 products.
const LINES: Record<Category, Line> = {
  shoes: {
    variants: [
      ['Classic', '经典款', 1],
      ['Pro', '专业款', 1.6],
    ],
    bases: [
      ['Running Shoes', '跑步鞋', 399],
      ['Basketball Shoes', '篮球鞋', 599],
      ['Canvas Sneakers', '帆布鞋', 169],
      ['Leather Loafers', '真皮乐福鞋', 459],
      ['Hiking Boots', '登山靴', 699],
      ['Sandals', '凉拖鞋', 89],
      ['Trail Runners', '越野跑鞋', 529],
      ['High Heels', '高跟鞋', 359],
      ["Kids' Sneakers", '儿童运动鞋', 199],
      ['Snow Boots', '雪地靴', 329],
    ],
  },
  electronics: {
    variants: [
      ['Standard', '标准版', 1],
      ['Max', '旗舰版', 1.5],
    ],
    bases: [
      ['Wireless Earbuds', '无线耳机', 299],
      ['Noise-Cancelling Headphones', '降噪耳机', 1299],
      ['Smartphone', '智能手机', 3999],
      ['Tablet', '平板电脑', 2899],
      ['Smartwatch', '智能手表', 1499],
      ['Power Bank', '充电宝', 129],
      ['Bluetooth Speaker', '蓝牙音箱', 399],
      ['Laptop', '笔记本电脑', 5999],
      ['Mechanical Keyboard', '机械键盘', 459],
      ['Fast Charger', '快充充电器', 99],
    ],
  },
  beauty: {
    variants: [
      ['Travel Size', '旅行装', 0.5],
      ['Gift Set', '礼盒装', 1.8],
    ],
    bases: [
      ['Moisturizing Cream', '保湿面霜', 259],
      ['Sunscreen SPF50', '防晒霜', 139],
      ['Lipstick', '口红', 229],
      ['Facial Cleanser', '洁面乳', 79],
      ['Essence Serum', '精华液', 499],
      ['Sheet Masks', '面膜', 99],
      ['Eye Cream', '眼霜', 329],
      ['Perfume', '香水', 689],
      ['Makeup Remover', '卸妆水', 89],
      ['Foundation', '粉底液', 299],
    ],
  },
  books: {
    variants: [
      ['Paperback', '平装', 1],
      ['Hardcover', '精装', 1.6],
    ],
    bases: [
      ['Novel', '长篇小说', 49],
      ['Cookbook', '家常菜谱', 59],
      ['Picture Book', '儿童绘本', 39],
      ['Programming Guide', '编程指南', 99],
      ['History of China', '中国通史', 129],
      ['Self-Help Book', '心理自助书', 45],
      ['Science Fiction Trilogy', '科幻三部曲', 149],
      ['Vocabulary Book', '英语词汇书', 35],
      ['Photography Handbook', '摄影手册', 79],
      ['Comic Collection', '漫画合集', 119],
    ],
  },
  home: {
    variants: [
      ['Basic', '基础款', 1],
      ['Premium', '高端款', 1.7],
    ],
    bases: [
      ['Memory Foam Pillow', '记忆棉枕头', 159],
      ['Cotton Bed Sheet Set', '纯棉四件套', 299],
      ['Air Purifier', '空气净化器', 1299],
      ['Robot Vacuum', '扫地机器人', 1999],
      ['Electric Kettle', '电热水壶', 129],
      ['Storage Boxes', '收纳箱', 69],
      ['Desk Lamp', '台灯', 149],
      ['Non-stick Pan', '不粘锅', 199],
      ['Bath Towels', '浴巾', 59],
      ['Rice Cooker', '电饭煲', 399],
    ],
  },
  sports: {
    variants: [
      ['Starter', '入门款', 1],
      ['Pro', '专业款', 1.8],
    ],
    bases: [
      ['Yoga Mat', '瑜伽垫', 99],
      ['Dumbbell Set', '哑铃套装', 259],
      ['Running Shorts', '跑步短裤', 129],
      ['Badminton Racket', '羽毛球拍', 299],
      ['Fitness Band', '运动手环', 229],
      ['Basketball', '篮球', 149],
      ['Camping Tent', '露营帐篷', 599],
      ['Skipping Rope', '跳绳', 39],
      ['Swimming Goggles', '泳镜', 79],
      ['Cycling Helmet', '骑行头盔', 269],
    ],
  },
  food: {
    variants: [
      ['Single', '单份装', 1],
      ['Family Pack', '家庭装', 2.2],
    ],
    bases: [
      ['Green Tea', '绿茶', 88],
      ['Mixed Nuts', '每日坚果', 79],
      ['Instant Noodles', '方便面', 39],
      ['Coffee Beans', '咖啡豆', 119],
      ['Dark Chocolate', '黑巧克力', 59],
      ['Mooncakes', '月饼礼盒', 168],
      ['Dried Mango', '芒果干', 29],
      ['Olive Oil', '橄榄油', 99],
      ['Hot Pot Base', '火锅底料', 25],
      ['Rice 5 kg', '五常大米5公斤', 69],
    ],
  },
  toys: {
    variants: [
      ['Mini', '迷你款', 0.6],
      ['Deluxe', '豪华款', 1.6],
    ],
    bases: [
      ['Building Blocks', '积木', 299],
      ['Remote-Control Car', '遥控车', 199],
      ['Plush Bear', '毛绒熊', 89],
      ['Jigsaw Puzzle', '拼图', 69],
      ['Board Game', '桌游', 159],
      ['Doll House', '娃娃屋', 399],
      ['Kids Drone', '儿童无人机', 349],
      ['Science Kit', '科学实验套装', 129],
      ['Toy Kitchen', '过家家厨房', 259],
      ['Water Gun', '水枪', 49],
    ],
  },
  apparel: {
    variants: [
      ['Basic', '基础款', 1],
      ['Designer', '设计师款', 2],
    ],
    bases: [
      ['T-Shirt', 'T恤', 99],
      ['Jeans', '牛仔裤', 299],
      ['Down Jacket', '羽绒服', 899],
      ['Hoodie', '连帽卫衣', 239],
      ['Dress', '连衣裙', 359],
      ['Wool Sweater', '羊毛衫', 459],
      ['Sports Socks', '运动袜', 49],
      ['Trench Coat', '风衣', 699],
      ['Polo Shirt', 'Polo衫', 179],
      ['Pajamas', '睡衣', 159],
    ],
  },
  baby: {
    variants: [
      ['Standard', '标准装', 1],
      ['Imported', '进口装', 1.5],
    ],
    bases: [
      ['Diapers', '纸尿裤', 139],
      ['Infant Formula', '婴儿奶粉', 329],
      ['Baby Stroller', '婴儿推车', 1599],
      ['Baby Bottle', '奶瓶', 89],
      ['Baby Wipes', '婴儿湿巾', 59],
      ['Baby Carrier', '婴儿背带', 299],
      ['Crib', '婴儿床', 1299],
      ['Baby Bodysuit', '婴儿连体衣', 79],
      ['Teething Toy', '牙胶', 39],
      ['Baby Monitor', '婴儿监视器', 499],
    ],
  },
};

/** Shop prices end in 9 (or .9 below 50 CNY). */
function shopPrice(p: number): number {
  return p >= 50 ? Math.round(p / 10) * 10 - 1 : Math.round(p * 10 - 1) / 10;
}

function buildCatalog(): Product[] {
  const out: Product[] = [];
  for (const category of CATEGORIES) {
    const line = LINES[category];
    line.bases.forEach(([en, zh, price], b) => {
      line.variants.forEach(([ven, vzh, factor], v) => {
        out.push(
          Object.freeze({
            id: `${category}-${String(b * 2 + v + 1).padStart(2, '0')}`,
            name: Object.freeze({ en: `${ven} ${en}`, zh: `${zh}(${vzh})` }),
            category,
            price: shopPrice(price * factor),
          }),
        );
      });
    });
  }
  return out;
}

export const CATALOG: readonly Product[] = Object.freeze(buildCatalog());

function perCategory<T>(f: (c: Category) => T): Record<Category, T> {
  const out = {} as Record<Category, T>;
  for (const c of CATEGORIES) out[c] = f(c);
  return out;
}

/** Each category's products, cheapest first, so a price tier is a position in the list. */
export const BY_CATEGORY: Readonly<Record<Category, readonly Product[]>> = perCategory((c) =>
  CATALOG.filter((p) => p.category === c).sort((x, y) => x.price - y.price),
);

/** What shoppers type into the search box: the base names, without the variant. */
export const SEARCH_TERMS: Readonly<Record<Category, { en: readonly string[]; zh: readonly string[] }>> =
  perCategory((c) => ({
    en: LINES[c].bases.map((b) => b[0].toLowerCase()),
    zh: LINES[c].bases.map((b) => b[1]),
  }));
