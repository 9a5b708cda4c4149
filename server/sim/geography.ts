/**
 * The places the simulated network covers: cities (prefecture level, GB/T 2260 codes), their districts and counties,
 * and the local banks named after them. A resident ID number starts with the address code of the holder's
 * registration (first 4 digits = city; for the four municipalities the first 2 digits are enough), so a debtor's
 * city decides which local registries, housing funds and banks are likely to know them.
 */

export interface City {
  /** 6-digit administrative code of the city (the municipality itself for 北京/天津/上海/重庆). */
  code: string;
  /** The ID-number prefix the city covers: '11' for 北京 (all districts), '3301' for 杭州. */
  region: string;
  name: string;
  short: string;
  /** Province abbreviation used on plates and certificates (京, 沪, 浙…). */
  abbr: string;
  /** Letters used on the city's plates after the province abbreviation. */
  plateLetters: string;
  /** Typical price of housing per square metre (yuan, whole number). */
  pricePerSqm: number;
  /** The city commercial bank headquartered there, if any. */
  cityBank?: string;
  /** Its rural commercial bank's name, when it is not simply `${short}农村商业银行`. */
  ruralBank?: string;
  /** Districts and counties: [6-digit code, name] where the code is known, else just the name. */
  districts: readonly (string | readonly [string, string])[];
}

export const PROVINCE_NAMES: Record<string, string> = {
  京: '北京', 津: '天津', 沪: '上海', 渝: '重庆', 冀: '河北', 晋: '山西', 蒙: '内蒙古', 辽: '辽宁', 吉: '吉林', 黑: '黑龙江',
  苏: '江苏', 浙: '浙江', 皖: '安徽', 闽: '福建', 赣: '江西', 鲁: '山东', 豫: '河南', 鄂: '湖北', 湘: '湖南', 粤: '广东',
  桂: '广西', 琼: '海南', 川: '四川', 贵: '贵州', 云: '云南', 藏: '西藏', 陕: '陕西', 甘: '甘肃', 青: '青海', 宁: '宁夏',
  新: '新疆',
};

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const CITIES: readonly City[] = [
  {
    code: '110000', region: '11', name: '北京市', short: '北京', abbr: '京', plateLetters: 'ABCEFGHJKLMNPQ', pricePerSqm: 62000,
    cityBank: '北京银行', ruralBank: '北京农村商业银行',
    districts: [
      ['110101', '东城区'], ['110102', '西城区'], ['110105', '朝阳区'], ['110106', '丰台区'], ['110107', '石景山区'],
      ['110108', '海淀区'], ['110109', '门头沟区'], ['110111', '房山区'], ['110112', '通州区'], ['110113', '顺义区'],
      ['110114', '昌平区'], ['110115', '大兴区'], ['110116', '怀柔区'], ['110117', '平谷区'], ['110118', '密云区'],
      ['110119', '延庆区'],
    ],
  },
  {
    code: '310000', region: '31', name: '上海市', short: '上海', abbr: '沪', plateLetters: 'ABDEFGHJKLMN', pricePerSqm: 65000,
    cityBank: '上海银行', ruralBank: '上海农村商业银行',
    districts: [
      ['310101', '黄浦区'], ['310104', '徐汇区'], ['310105', '长宁区'], ['310106', '静安区'], ['310107', '普陀区'],
      ['310109', '虹口区'], ['310110', '杨浦区'], ['310112', '闵行区'], ['310113', '宝山区'], ['310114', '嘉定区'],
      ['310115', '浦东新区'], ['310116', '金山区'], ['310117', '松江区'], ['310118', '青浦区'], ['310120', '奉贤区'],
      ['310151', '崇明区'],
    ],
  },
  {
    code: '120000', region: '12', name: '天津市', short: '天津', abbr: '津', plateLetters: 'ABCDEFGHJKLMN', pricePerSqm: 21000,
    cityBank: '天津银行', ruralBank: '天津农村商业银行',
    districts: words('和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区 滨海新区 宁河区 静海区 蓟州区'),
  },
  {
    code: '500000', region: '50', name: '重庆市', short: '重庆', abbr: '渝', plateLetters: 'ABCDF', pricePerSqm: 13000,
    cityBank: '重庆银行', ruralBank: '重庆农村商业银行',
    districts: words('渝中区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 渝北区 巴南区 万州区 涪陵区 永川区 合川区'),
  },
  {
    code: '440100', region: '4401', name: '广州市', short: '广州', abbr: '粤', plateLetters: 'A', pricePerSqm: 38000,
    cityBank: '广州银行', ruralBank: '广州农村商业银行',
    districts: words('荔湾区 越秀区 海珠区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区'),
  },
  {
    code: '440300', region: '4403', name: '深圳市', short: '深圳', abbr: '粤', plateLetters: 'B', pricePerSqm: 58000,
    ruralBank: '深圳农村商业银行',
    districts: words('罗湖区 福田区 南山区 宝安区 龙岗区 盐田区 龙华区 坪山区 光明区'),
  },
  {
    code: '330100', region: '3301', name: '杭州市', short: '杭州', abbr: '浙', plateLetters: 'A', pricePerSqm: 33000,
    cityBank: '杭州银行', ruralBank: '杭州联合农村商业银行',
    districts: words('上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区 钱塘区 富阳区 临安区 桐庐县 淳安县 建德市'),
  },
  {
    code: '320100', region: '3201', name: '南京市', short: '南京', abbr: '苏', plateLetters: 'A', pricePerSqm: 28000,
    cityBank: '南京银行', ruralBank: '江苏紫金农村商业银行',
    districts: words('玄武区 秦淮区 建邺区 鼓楼区 浦口区 栖霞区 雨花台区 江宁区 六合区 溧水区 高淳区'),
  },
  {
    code: '510100', region: '5101', name: '成都市', short: '成都', abbr: '川', plateLetters: 'AG', pricePerSqm: 17000,
    cityBank: '成都银行', ruralBank: '成都农村商业银行',
    districts: words('锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 青白江区 新都区 温江区 双流区 郫都区 新津区 都江堰市 彭州市 邛崃市 崇州市 简阳市'),
  },
  {
    code: '330200', region: '3302', name: '宁波市', short: '宁波', abbr: '浙', plateLetters: 'B', pricePerSqm: 24000,
    cityBank: '宁波银行',
    districts: words('海曙区 江北区 北仑区 镇海区 鄞州区 奉化区 余姚市 慈溪市 宁海县 象山县'),
  },
  {
    code: '320500', region: '3205', name: '苏州市', short: '苏州', abbr: '苏', plateLetters: 'EU', pricePerSqm: 24000,
    cityBank: '苏州银行', ruralBank: '江苏苏州农村商业银行',
    districts: words('姑苏区 虎丘区 吴中区 相城区 吴江区 常熟市 张家港市 昆山市 太仓市'),
  },
  {
    code: '420100', region: '4201', name: '武汉市', short: '武汉', abbr: '鄂', plateLetters: 'A', pricePerSqm: 17000,
    cityBank: '汉口银行', ruralBank: '武汉农村商业银行',
    districts: words('江岸区 江汉区 硚口区 汉阳区 武昌区 青山区 洪山区 东西湖区 汉南区 蔡甸区 江夏区 黄陂区 新洲区'),
  },
  {
    code: '610100', region: '6101', name: '西安市', short: '西安', abbr: '陕', plateLetters: 'AUH', pricePerSqm: 16000,
    cityBank: '西安银行', ruralBank: '西安农村商业银行',
    districts: words('新城区 碑林区 莲湖区 灞桥区 未央区 雁塔区 阎良区 临潼区 长安区 高陵区 鄠邑区'),
  },
  {
    code: '430100', region: '4301', name: '长沙市', short: '长沙', abbr: '湘', plateLetters: 'A', pricePerSqm: 11000,
    cityBank: '长沙银行', ruralBank: '长沙农村商业银行',
    districts: words('芙蓉区 天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市'),
  },
  {
    code: '410100', region: '4101', name: '郑州市', short: '郑州', abbr: '豫', plateLetters: 'A', pricePerSqm: 12000,
    cityBank: '郑州银行', ruralBank: '郑州农村商业银行',
    districts: words('中原区 二七区 管城回族区 金水区 上街区 惠济区 巩义市 荥阳市 新密市 新郑市 登封市 中牟县'),
  },
  {
    code: '370100', region: '3701', name: '济南市', short: '济南', abbr: '鲁', plateLetters: 'A', pricePerSqm: 14000,
    cityBank: '齐鲁银行', ruralBank: '济南农村商业银行',
    districts: words('历下区 市中区 槐荫区 天桥区 历城区 长清区 章丘区 济阳区 莱芜区'),
  },
  {
    code: '370200', region: '3702', name: '青岛市', short: '青岛', abbr: '鲁', plateLetters: 'BU', pricePerSqm: 17000,
    cityBank: '青岛银行', ruralBank: '青岛农村商业银行',
    districts: words('市南区 市北区 黄岛区 崂山区 李沧区 城阳区 即墨区 胶州市 平度市 莱西市'),
  },
  {
    code: '350200', region: '3502', name: '厦门市', short: '厦门', abbr: '闽', plateLetters: 'D', pricePerSqm: 40000,
    cityBank: '厦门银行', ruralBank: '厦门农村商业银行',
    districts: words('思明区 海沧区 湖里区 集美区 同安区 翔安区'),
  },
  {
    code: '350100', region: '3501', name: '福州市', short: '福州', abbr: '闽', plateLetters: 'A', pricePerSqm: 20000,
    cityBank: '福建海峡银行', ruralBank: '福州农村商业银行',
    districts: words('鼓楼区 台江区 仓山区 马尾区 晋安区 长乐区 福清市 闽侯县 连江县'),
  },
  {
    code: '340100', region: '3401', name: '合肥市', short: '合肥', abbr: '皖', plateLetters: 'A', pricePerSqm: 17000,
    cityBank: '徽商银行', ruralBank: '合肥科技农村商业银行',
    districts: words('瑶海区 庐阳区 蜀山区 包河区 长丰县 肥东县 肥西县 庐江县 巢湖市'),
  },
  {
    code: '210100', region: '2101', name: '沈阳市', short: '沈阳', abbr: '辽', plateLetters: 'A', pricePerSqm: 10000,
    cityBank: '盛京银行', ruralBank: '沈阳农村商业银行',
    districts: words('和平区 沈河区 大东区 皇姑区 铁西区 浑南区 于洪区 沈北新区'),
  },
  {
    code: '210200', region: '2102', name: '大连市', short: '大连', abbr: '辽', plateLetters: 'B', pricePerSqm: 13000,
    cityBank: '大连银行', ruralBank: '大连农村商业银行',
    districts: words('中山区 西岗区 沙河口区 甘井子区 旅顺口区 金州区 普兰店区 瓦房店市'),
  },
  {
    code: '230100', region: '2301', name: '哈尔滨市', short: '哈尔滨', abbr: '黑', plateLetters: 'A', pricePerSqm: 9000,
    cityBank: '哈尔滨银行', ruralBank: '哈尔滨农村商业银行',
    districts: words('道里区 南岗区 道外区 平房区 松北区 香坊区 呼兰区 阿城区'),
  },
  {
    code: '220100', region: '2201', name: '长春市', short: '长春', abbr: '吉', plateLetters: 'A', pricePerSqm: 9000,
    cityBank: '吉林银行', ruralBank: '长春农村商业银行',
    districts: words('南关区 宽城区 朝阳区 二道区 绿园区 双阳区 九台区 农安县'),
  },
  {
    code: '130100', region: '1301', name: '石家庄市', short: '石家庄', abbr: '冀', plateLetters: 'A', pricePerSqm: 11000,
    cityBank: '河北银行', ruralBank: '石家庄汇融农村商业银行',
    districts: words('长安区 桥西区 新华区 裕华区 藁城区 鹿泉区 栾城区 正定县'),
  },
  {
    code: '130200', region: '1302', name: '唐山市', short: '唐山', abbr: '冀', plateLetters: 'B', pricePerSqm: 9000,
    cityBank: '唐山银行',
    districts: words('路南区 路北区 古冶区 开平区 丰南区 丰润区 曹妃甸区 迁安市'),
  },
  {
    code: '130600', region: '1306', name: '保定市', short: '保定', abbr: '冀', plateLetters: 'F', pricePerSqm: 9000,
    cityBank: '保定银行',
    districts: words('竞秀区 莲池区 满城区 清苑区 徐水区 涿州市 定州市 高碑店市'),
  },
  {
    code: '140100', region: '1401', name: '太原市', short: '太原', abbr: '晋', plateLetters: 'A', pricePerSqm: 10000,
    cityBank: '晋商银行', ruralBank: '山西太原农村商业银行',
    districts: words('小店区 迎泽区 杏花岭区 尖草坪区 万柏林区 晋源区 清徐县 古交市'),
  },
  {
    code: '150100', region: '1501', name: '呼和浩特市', short: '呼和浩特', abbr: '蒙', plateLetters: 'A', pricePerSqm: 8000,
    cityBank: '内蒙古银行',
    districts: words('新城区 回民区 玉泉区 赛罕区 土默特左旗 托克托县'),
  },
  {
    code: '150200', region: '1502', name: '包头市', short: '包头', abbr: '蒙', plateLetters: 'B', pricePerSqm: 7000,
    cityBank: '蒙商银行',
    districts: words('东河区 昆都仑区 青山区 九原区 石拐区 固阳县'),
  },
  {
    code: '320200', region: '3202', name: '无锡市', short: '无锡', abbr: '苏', plateLetters: 'B', pricePerSqm: 17000,
    ruralBank: '无锡农村商业银行',
    districts: words('梁溪区 锡山区 惠山区 滨湖区 新吴区 江阴市 宜兴市'),
  },
  {
    code: '320400', region: '3204', name: '常州市', short: '常州', abbr: '苏', plateLetters: 'D', pricePerSqm: 14000,
    ruralBank: '江苏江南农村商业银行',
    districts: words('天宁区 钟楼区 新北区 武进区 金坛区 溧阳市'),
  },
  {
    code: '320600', region: '3206', name: '南通市', short: '南通', abbr: '苏', plateLetters: 'F', pricePerSqm: 14000,
    ruralBank: '南通农村商业银行',
    districts: words('崇川区 通州区 海门区 如皋市 启东市 海安市 如东县'),
  },
  {
    code: '321000', region: '3210', name: '扬州市', short: '扬州', abbr: '苏', plateLetters: 'K', pricePerSqm: 12000,
    ruralBank: '扬州农村商业银行',
    districts: words('广陵区 邗江区 江都区 仪征市 高邮市 宝应县'),
  },
  {
    code: '330300', region: '3303', name: '温州市', short: '温州', abbr: '浙', plateLetters: 'C', pricePerSqm: 20000,
    cityBank: '温州银行', ruralBank: '温州鹿城农村商业银行',
    districts: words('鹿城区 龙湾区 瓯海区 洞头区 瑞安市 乐清市 永嘉县 平阳县 苍南县'),
  },
  {
    code: '330400', region: '3304', name: '嘉兴市', short: '嘉兴', abbr: '浙', plateLetters: 'F', pricePerSqm: 15000,
    cityBank: '嘉兴银行',
    districts: words('南湖区 秀洲区 海宁市 平湖市 桐乡市 嘉善县 海盐县'),
  },
  {
    code: '330500', region: '3305', name: '湖州市', short: '湖州', abbr: '浙', plateLetters: 'E', pricePerSqm: 13000,
    cityBank: '湖州银行',
    districts: words('吴兴区 南浔区 德清县 长兴县 安吉县'),
  },
  {
    code: '330600', region: '3306', name: '绍兴市', short: '绍兴', abbr: '浙', plateLetters: 'D', pricePerSqm: 15000,
    cityBank: '绍兴银行',
    districts: words('越城区 柯桥区 上虞区 诸暨市 嵊州市 新昌县'),
  },
  {
    code: '330700', region: '3307', name: '金华市', short: '金华', abbr: '浙', plateLetters: 'G', pricePerSqm: 14000,
    cityBank: '金华银行',
    districts: words('婺城区 金东区 兰溪市 义乌市 东阳市 永康市 武义县 浦江县'),
  },
  {
    code: '331000', region: '3310', name: '台州市', short: '台州', abbr: '浙', plateLetters: 'J', pricePerSqm: 14000,
    cityBank: '台州银行',
    districts: words('椒江区 黄岩区 路桥区 临海市 温岭市 玉环市 天台县 仙居县'),
  },
  {
    code: '340200', region: '3402', name: '芜湖市', short: '芜湖', abbr: '皖', plateLetters: 'B', pricePerSqm: 9000,
    ruralBank: '芜湖扬子农村商业银行',
    districts: words('镜湖区 鸠江区 弋江区 湾沚区 繁昌区 无为市 南陵县'),
  },
  {
    code: '350500', region: '3505', name: '泉州市', short: '泉州', abbr: '闽', plateLetters: 'C', pricePerSqm: 12000,
    cityBank: '泉州银行',
    districts: words('鲤城区 丰泽区 洛江区 泉港区 石狮市 晋江市 南安市 惠安县 安溪县'),
  },
  {
    code: '360100', region: '3601', name: '南昌市', short: '南昌', abbr: '赣', plateLetters: 'AM', pricePerSqm: 12000,
    cityBank: '江西银行', ruralBank: '南昌农村商业银行',
    districts: words('东湖区 西湖区 青云谱区 青山湖区 新建区 红谷滩区 南昌县 进贤县'),
  },
  {
    code: '370600', region: '3706', name: '烟台市', short: '烟台', abbr: '鲁', plateLetters: 'FY', pricePerSqm: 10000,
    districts: words('芝罘区 福山区 牟平区 莱山区 蓬莱区 龙口市 莱阳市 莱州市 招远市 海阳市'),
  },
  {
    code: '370700', region: '3707', name: '潍坊市', short: '潍坊', abbr: '鲁', plateLetters: 'GV', pricePerSqm: 8000,
    cityBank: '潍坊银行',
    districts: words('潍城区 寒亭区 坊子区 奎文区 青州市 诸城市 寿光市 高密市'),
  },
  {
    code: '410300', region: '4103', name: '洛阳市', short: '洛阳', abbr: '豫', plateLetters: 'CY', pricePerSqm: 8000,
    districts: words('老城区 西工区 瀍河回族区 涧西区 偃师区 孟津区 洛龙区 宜阳县'),
  },
  {
    code: '420500', region: '4205', name: '宜昌市', short: '宜昌', abbr: '鄂', plateLetters: 'E', pricePerSqm: 8000,
    districts: words('西陵区 伍家岗区 点军区 猇亭区 夷陵区 宜都市 当阳市 枝江市'),
  },
  {
    code: '440400', region: '4404', name: '珠海市', short: '珠海', abbr: '粤', plateLetters: 'C', pricePerSqm: 25000,
    cityBank: '珠海华润银行', ruralBank: '珠海农村商业银行',
    districts: words('香洲区 斗门区 金湾区'),
  },
  {
    code: '440600', region: '4406', name: '佛山市', short: '佛山', abbr: '粤', plateLetters: 'EX', pricePerSqm: 16000,
    ruralBank: '佛山农村商业银行',
    districts: words('禅城区 南海区 顺德区 三水区 高明区'),
  },
  {
    code: '441300', region: '4413', name: '惠州市', short: '惠州', abbr: '粤', plateLetters: 'L', pricePerSqm: 10000,
    ruralBank: '惠州农村商业银行',
    districts: words('惠城区 惠阳区 博罗县 惠东县 龙门县'),
  },
  {
    code: '441900', region: '4419', name: '东莞市', short: '东莞', abbr: '粤', plateLetters: 'S', pricePerSqm: 20000,
    cityBank: '东莞银行', ruralBank: '东莞农村商业银行',
    districts: words('莞城街道 南城街道 东城街道 虎门镇 长安镇 厚街镇 塘厦镇 常平镇'),
  },
  {
    code: '442000', region: '4420', name: '中山市', short: '中山', abbr: '粤', plateLetters: 'T', pricePerSqm: 12000,
    ruralBank: '中山农村商业银行',
    districts: words('石岐街道 东区街道 火炬开发区 小榄镇 古镇镇 三乡镇'),
  },
  {
    code: '450100', region: '4501', name: '南宁市', short: '南宁', abbr: '桂', plateLetters: 'A', pricePerSqm: 10000,
    cityBank: '广西北部湾银行', ruralBank: '南宁农村商业银行',
    districts: words('兴宁区 青秀区 江南区 西乡塘区 良庆区 邕宁区 武鸣区 横州市'),
  },
  {
    code: '450200', region: '4502', name: '柳州市', short: '柳州', abbr: '桂', plateLetters: 'B', pricePerSqm: 8000,
    cityBank: '柳州银行',
    districts: words('城中区 鱼峰区 柳南区 柳北区 柳江区 柳城县'),
  },
  {
    code: '460100', region: '4601', name: '海口市', short: '海口', abbr: '琼', plateLetters: 'A', pricePerSqm: 15000,
    cityBank: '海南银行', ruralBank: '海口农村商业银行',
    districts: words('秀英区 龙华区 琼山区 美兰区'),
  },
  {
    code: '460200', region: '4602', name: '三亚市', short: '三亚', abbr: '琼', plateLetters: 'B', pricePerSqm: 30000,
    districts: words('海棠区 吉阳区 天涯区 崖州区'),
  },
  {
    code: '510700', region: '5107', name: '绵阳市', short: '绵阳', abbr: '川', plateLetters: 'B', pricePerSqm: 8000,
    cityBank: '绵阳市商业银行',
    districts: words('涪城区 游仙区 安州区 江油市 三台县 盐亭县'),
  },
  {
    code: '520100', region: '5201', name: '贵阳市', short: '贵阳', abbr: '贵', plateLetters: 'A', pricePerSqm: 9000,
    cityBank: '贵阳银行', ruralBank: '贵阳农村商业银行',
    districts: words('南明区 云岩区 花溪区 乌当区 白云区 观山湖区 清镇市 修文县'),
  },
  {
    code: '530100', region: '5301', name: '昆明市', short: '昆明', abbr: '云', plateLetters: 'A', pricePerSqm: 11000,
    cityBank: '富滇银行', ruralBank: '昆明农村商业银行',
    districts: words('五华区 盘龙区 官渡区 西山区 东川区 呈贡区 晋宁区 安宁市'),
  },
  {
    code: '540100', region: '5401', name: '拉萨市', short: '拉萨', abbr: '藏', plateLetters: 'A', pricePerSqm: 10000,
    cityBank: '西藏银行',
    districts: words('城关区 堆龙德庆区 达孜区 林周县 曲水县'),
  },
  {
    code: '620100', region: '6201', name: '兰州市', short: '兰州', abbr: '甘', plateLetters: 'A', pricePerSqm: 10000,
    cityBank: '兰州银行', ruralBank: '兰州农村商业银行',
    districts: words('城关区 七里河区 西固区 安宁区 红古区 永登县 皋兰县 榆中县'),
  },
  {
    code: '630100', region: '6301', name: '西宁市', short: '西宁', abbr: '青', plateLetters: 'A', pricePerSqm: 9000,
    cityBank: '青海银行',
    districts: words('城东区 城中区 城西区 城北区 湟中区 大通回族土族自治县 湟源县'),
  },
  {
    code: '640100', region: '6401', name: '银川市', short: '银川', abbr: '宁', plateLetters: 'A', pricePerSqm: 8000,
    cityBank: '宁夏银行',
    districts: words('兴庆区 西夏区 金凤区 永宁县 贺兰县 灵武市'),
  },
  {
    code: '650100', region: '6501', name: '乌鲁木齐市', short: '乌鲁木齐', abbr: '新', plateLetters: 'A', pricePerSqm: 9000,
    cityBank: '乌鲁木齐银行', ruralBank: '乌鲁木齐农村商业银行',
    districts: words('天山区 沙依巴克区 新市区 水磨沟区 头屯河区 达坂城区 米东区 乌鲁木齐县'),
  },
];

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export function isMunicipality(city: City): boolean {
  return MUNICIPALITIES.has(city.region);
}

/** The region prefix of a debtor: the first 4 digits of a resident ID (2 for municipalities), digits 3–6 of a credit code. */
export function debtorRegion(idNumber: string): string {
  const isResident = /^\d{17}[\dX]$/.test(idNumber);
  const code = isResident ? idNumber.slice(0, 6) : idNumber.slice(2, 8);
  return MUNICIPALITIES.has(code.slice(0, 2)) ? code.slice(0, 2) : code.slice(0, 4);
}

export function isResidentIdNumber(idNumber: string): boolean {
  return /^\d{17}[\dX]$/.test(idNumber);
}

/** The 6-digit address code of a debtor (district of registration). */
export function debtorAddressCode(idNumber: string): string {
  return isResidentIdNumber(idNumber) ? idNumber.slice(0, 6) : idNumber.slice(2, 8);
}

const CITY_BY_REGION = new Map(CITIES.map((c) => [c.region, c]));

export function cityOfRegion(region: string): City | undefined {
  return CITY_BY_REGION.get(region);
}

export interface District {
  code: string;
  name: string;
  city: City;
}

/** The districts of a city with a code each: the real one where known, else city code prefix + ordinal. */
export function districtsOf(city: City): District[] {
  return city.districts.map((d, i) =>
    typeof d === 'string'
      ? { code: `${city.code.slice(0, 4)}${String(i + 1).padStart(2, '0')}`, name: d, city }
      : { code: d[0], name: d[1], city },
  );
}

/** "萧山区" → "萧山", "管城回族区" → "管城", "土默特左旗" → "土默特左". */
export function districtStem(name: string): string {
  return name.replace(/(回族土族自治县|回族区|新区|街道|开发区|区|县|市|旗|镇)$/, '') || name;
}
